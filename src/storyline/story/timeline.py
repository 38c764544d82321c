"""The story's timeline: dated events, the articles that report them, and when each was first reported."""

from __future__ import annotations

import re

from ..model import Article, DateMention, Event
from .similarity import overlap

# Words that may stand between "until" and the day it governs ("until 6 p.m. on Tuesday").
_TIME_WORDS = r"(?:\d[\d.:]*|[ap]\.?m\.?|on|at|the|late|early|noon|midnight|this|next|coming)"
# A bound on something else ("kept its warning until 6 p.m. on Tuesday", "a vote before Christmas"): the day a
# state ends or a deadline falls, not the day the reported event happened. "Before" bounds only a day it
# governs directly: "shortly before noon on Monday" dates an event on Monday.
_BOUND = re.compile(
    rf"(?:\b(?:until|till)\s+(?:{_TIME_WORDS}\s+){{0,4}}|\b(?:before|ahead of|no later than)\s+(?:the\s+|next\s+|this\s+)?)$",
    re.IGNORECASE)
_STARTS_BOUND = re.compile(r"^(?:until|till|before|ahead of|no later than)\b", re.IGNORECASE)  # a tagger's span may hold it
# Inside a relative clause set off by commas ("Storm Ilse, which struck on Sunday, was discussed"): background
# to the sentence's own event. A clause that runs to the end of the sentence may carry its news, so it stays.
_RELATIVE_OPEN = re.compile(r",\s+(?:which|who|whose)\b[^,;()–—]*$", re.IGNORECASE)


def event_day(mention: DateMention) -> str | None:
    """The day ``mention`` gives the event its sentence reports, or None when it dates something else."""
    if not mention.day:
        return None
    at = mention.sentence.find(mention.text)
    before = mention.sentence[: max(at, 0)]
    after = mention.sentence[max(at, 0) + len(mention.text):]
    if _BOUND.search(before) or _STARTS_BOUND.match(mention.text):
        return None
    if _RELATIVE_OPEN.search(before) and "," in after:
        return None
    return mention.day


def build_timeline(members: list[Article], same_event: float) -> list[Event]:
    events: list[Event] = []
    for article in sorted(members, key=lambda a: (a.published or "9999", a.source)):
        seen: set[str] = set()
        for mention in article.dates:
            day = event_day(mention)
            if not day or mention.sentence in seen:
                continue
            seen.add(mention.sentence)
            for event in events:
                if event.date == day and overlap(event.event, mention.sentence) >= same_event:
                    if article.id not in event.article_ids:
                        event.article_ids.append(article.id)
                    break
            else:
                events.append(Event(day, mention.sentence, [article.id], article.published))
    events.sort(key=lambda e: (e.date, e.first_reported or "9999"))
    return events
