"""CSV exports for spreadsheets: the claims matrix (one row per claim × source) and article lists.

Cells come from scraped pages, so a value a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab,
carriage return at the start) is prefixed with an apostrophe: it shows as text and is never evaluated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..model import Article, Story

CLAIM_COLUMNS = ("story_id", "claim", "status", "date", "what", "article_id", "outlet", "value", "published", "url")
ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "url", "story_id", "duplicate_of", "language", "source")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def claims_csv(story: Story, articles: Iterable[Article]) -> str:
    """The story's claims matrix: each source of each claim on its own row, with its status and value."""
    by_id = {a.id: a for a in articles}
    rows = []
    for claim in story.claims:
        for article_id in claim.article_ids:
            a = by_id.get(article_id)
            rows.append((story.id, claim.statement, claim.status, claim.date, claim.what, article_id,
                         a.outlet if a else None, claim.values.get(article_id), a.published if a else None,
                         a.url if a else None))
    return to_csv(CLAIM_COLUMNS, rows)


def articles_csv(articles: Iterable[Article]) -> str:
    return to_csv(ARTICLE_COLUMNS, ([getattr(a, column) for column in ARTICLE_COLUMNS] for a in articles))


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
