"""Reference dates of undated articles from their story: the day the story's dated articles point to.

An article with no publication date anchors "yesterday" and "on Tuesday" on the reference date its own text
gives (``analyze.timex.reference_date``: a dateline, else the latest full date it states). When its text gives
none, the story it joined still says roughly when it was written: a syndicated copy was published with its
original, and any other report of the story around the days its dated members were published. That day becomes
the article's ``reference_date`` with ``reference_evidence`` saying so; ``published`` stays null (never invented).
"""

from __future__ import annotations

from ..analyze.facts import resolved_mentions
from ..model import Article
from ..text import iso_day

STORY_EVIDENCE = "story "  # how a reference taken from the story starts, so a later rebuild may replace it


def from_story(reference_evidence: str | None) -> bool:
    return bool(reference_evidence and reference_evidence.startswith(STORY_EVIDENCE))


def story_reference(story_id: str, article: Article, members: list[Article]) -> tuple[str, str] | None:
    """(day, evidence) the story gives ``article`` as "now": its original's publication day for a copy, else
    the median publication day of the story's dated members; None when no member is dated."""
    by_id = {a.id: a for a in members}
    original = by_id.get(article.duplicate_of or "")
    if original is not None and iso_day(original.published):
        day = iso_day(original.published).isoformat()
        return day, f"{STORY_EVIDENCE}{story_id}: a copy of article {original.id}, published {day}"
    days = sorted(d for d in (iso_day(a.published) for a in members) if d is not None)
    if not days:
        return None
    median = days[(len(days) - 1) // 2].isoformat()  # the lower median: a day a member was really published
    span = days[0].isoformat() if days[0] == days[-1] else f"{days[0].isoformat()} – {days[-1].isoformat()}"
    return median, f"{STORY_EVIDENCE}{story_id}: members published {span} (median day {median})"


def anchor_undated(story_id: str, members: list[Article]) -> list[Article]:
    """Give each undated member whose own text states no day the story's reference date, re-resolving its
    time expressions against it; take back one the story can no longer give. Returns the articles changed."""
    changed = []
    for article in members:
        if article.published or (article.reference_date and not from_story(article.reference_evidence)):
            continue  # dated, or its own text gives the day: that anchor is better than the story's
        found = story_reference(story_id, article, members)
        day, evidence = found if found else (None, None)
        if (day, evidence) == (article.reference_date, article.reference_evidence):
            continue
        article.reference_date, article.reference_evidence = day, evidence
        article.dates = resolved_mentions(article)
        changed.append(article)
    return changed
