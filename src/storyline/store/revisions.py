"""Articles identified by their URL: finding the stored one, and keeping its earlier contents as revisions.

A new content for a stored URL replaces the article's content under the same id, so everything that cites the
article (claims, summaries, corroboration counts) keeps counting it once; the replaced content is kept here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update

from ..exceptions import ArticleNotFound
from .schema import article_revisions, articles, lsh_bands

if TYPE_CHECKING:
    from .database import Store


@dataclass(frozen=True, slots=True)
class Revision:
    number: int  # 1 = the first content stored; the highest is the current one
    title: str | None
    text: str
    published: str | None
    fetched_at: str | None
    stored_at: str
    replaced_at: str | None  # None for the current content


@dataclass(frozen=True, slots=True)
class UrlArticle:
    article_id: str
    raw: str | None  # its current raw content; None if a replacement was interrupted before it was stored


class Revisions:
    def __init__(self, store: Store) -> None:
        self.store = store

    def by_url(self, url: str) -> UrlArticle | None:
        """The article stored for ``url`` (normalised), if any."""
        with self.store.reading() as conn:
            row = conn.execute(select(articles.c.id, articles.c.raw).where(articles.c.url == url)
                               .order_by(articles.c.ingested_at).limit(1)).first()
            if row is not None:
                return UrlArticle(row[0], row[1])
            # Archived but its new content not stored yet (a crash in between): the new content keeps the id.
            archived = conn.scalar(select(article_revisions.c.article_id).where(article_revisions.c.url == url)
                                   .order_by(article_revisions.c.id.desc()).limit(1))
        return UrlArticle(archived, None) if archived else None

    def archive(self, article_id: str) -> str | None:
        """Move the article's current content into its revisions and take the article out (with its dedup
        bands) so the new content can be stored under its id; returns the story to rebuild."""
        with self.store.unit_of_work() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if row is None:
                raise ArticleNotFound(article_id)
            conn.execute(insert(article_revisions).values(
                article_id=article_id, url=row["url"], raw=row["raw"], format=row["format"], title=row["title"],
                text=row["text"], published=row["published"], fetched_at=row["fetched_at"],
                ingested_at=row["ingested_at"], replaced_at=datetime.now(UTC)))
            conn.execute(delete(lsh_bands).where(lsh_bands.c.article_id == article_id))
            conn.execute(update(articles).where(articles.c.duplicate_of == article_id).values(duplicate_of=None))
            conn.execute(delete(articles).where(articles.c.id == article_id))
            if row["story_id"]:
                self.store.mark_dirty(conn, [row["story_id"]])
        return row["story_id"]

    def of(self, article_id: str) -> list[Revision]:
        """Every content the article has had, oldest first, the current one last."""
        with self.store.reading() as conn:
            current = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if current is None:
                raise ArticleNotFound(article_id)
            rows = list(conn.execute(select(article_revisions).where(article_revisions.c.article_id == article_id)
                                     .order_by(article_revisions.c.id)).mappings())
        return [Revision(number=n, title=r["title"], text=r["text"], published=r["published"],
                         fetched_at=_iso(r["fetched_at"]), stored_at=_iso(r["ingested_at"]),
                         replaced_at=_iso(r.get("replaced_at")))
                for n, r in enumerate([*rows, current], start=1)]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
