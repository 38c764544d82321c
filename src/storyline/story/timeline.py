"""The story's timeline: dated events, the articles that report them, and when each was first reported."""

from __future__ import annotations


from ..model import Article, Event
from .similarity import overlap


def build_timeline(members: list[Article], same_event: float) -> list[Event]:
    events: list[Event] = []
    for article in sorted(members, key=lambda a: (a.published or "9999", a.source)):
        seen: set[str] = set()
        for mention in article.dates:
            if not mention.day or mention.sentence in seen:
                continue
            seen.add(mention.sentence)
            for event in events:
                if event.date == mention.day and overlap(event.event, mention.sentence) >= same_event:
                    if article.id not in event.article_ids:
                        event.article_ids.append(article.id)
                    break
            else:
                events.append(Event(mention.day, mention.sentence, [article.id], article.published))
    events.sort(key=lambda e: (e.date, e.first_reported or "9999"))
    return events
