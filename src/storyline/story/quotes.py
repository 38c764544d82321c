"""Quotes of a story grouped by speaker: the same words in three outlets are one quote with three sources."""

from __future__ import annotations


from ..model import Article, StoryQuote
from .similarity import overlap


def group_quotes(members: list[Article], canonical: dict[str, str], same_quote: float) -> list[StoryQuote]:
    """``canonical`` maps casefolded aliases to canonical names (from the story's entities)."""
    grouped: list[StoryQuote] = []
    for article in sorted(members, key=lambda a: (a.published or "9999", a.source)):
        for quote in article.quotes:
            speaker = canonical.get((quote.speaker or "").casefold(), quote.speaker)
            for existing in grouped:
                if existing.speaker == speaker and existing.direct == quote.direct and overlap(existing.text, quote.text) >= same_quote:
                    if len(quote.text) > len(existing.text):
                        existing.text = quote.text  # keep the fullest version
                    if article.id not in existing.article_ids:
                        existing.article_ids.append(article.id)
                    break
            else:
                grouped.append(StoryQuote(speaker, quote.text, quote.direct, [article.id]))
    grouped.sort(key=lambda q: (q.speaker is None, q.speaker or "", -len(q.article_ids)))
    return grouped
