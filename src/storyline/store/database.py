"""The ``Store``: everything Storyline keeps, behind a small API that hides the SQL dialect."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, event, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..article import Article, Removed
from ..dossier import Story, SummarySentence
from ..exceptions import DatabaseError
from .facts_json import article_facts, load_article_facts, load_story_facts, story_facts
from .schema import articles, stories

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (web UI) never block the ingesting writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _chunks(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    """Id lists cut to a size every database accepts in an IN clause."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _vector(blob: bytes | None, dtype) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype=dtype).copy()


def _blob(vector: np.ndarray | None, dtype) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=dtype).tobytes()


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self.migrate()
        except SQLAlchemyError as e:
            raise DatabaseError(f"cannot open database {url}: {e.__class__.__name__}: {e.args[0] if e.args else e}") from e

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    # --- articles -------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(ids):
                found.update(conn.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        return found

    def add_articles(self, new: Sequence[Article]) -> None:
        """Insert new articles (ids must be new: callers filter with ``known_ids``)."""
        if not new:
            return
        now = datetime.now(UTC)
        rows = [
            {
                "id": a.id,
                "source": a.source,
                "url": a.url,
                "format": a.format,
                "raw": a.raw,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published,
                "published_evidence": a.published_evidence,
                "language": a.language,
                "text": a.text,
                "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
                "duplicate_of": a.duplicate_of,
                "story_id": a.story_id,
                "entity_keys": list(a.entity_keys),
                "facts": article_facts(a),
                "embedding": _blob(a.embedding, np.float32),
                "minhash": _blob(a.minhash, np.uint32),
                "ingested_at": now,
            }
            for a in new
        ]
        with self.engine.begin() as conn:
            conn.execute(insert(articles), rows)
            if self.is_sqlite:
                conn.execute(
                    text("INSERT INTO article_search (article_id, title, text) VALUES (:id, :title, :text)"),
                    [{"id": r["id"], "title": r["title"] or "", "text": r["text"]} for r in rows],
                )

    def articles(
        self, ids: Iterable[str] | None = None, *, with_raw: bool = False, with_vectors: bool = False, with_facts: bool = True
    ) -> list[Article]:
        """Stored articles, dated first; the heavy columns (raw input, vectors, facts) only on request."""
        skipped = set()
        for wanted, names in ((with_raw, {"raw"}), (with_vectors, {"embedding", "minhash"}), (with_facts, {"facts"})):
            if not wanted:
                skipped |= names
        columns = [c for c in articles.c if c.name not in skipped]
        query = select(*columns).order_by(articles.c.published.is_(None), articles.c.published, articles.c.source)
        with self.engine.connect() as conn:
            if ids is None:
                rows = list(conn.execute(query).mappings())
            else:
                rows = []
                for chunk in _chunks(list(ids)):
                    rows += conn.execute(query.where(articles.c.id.in_(chunk))).mappings()
        return [self._article(row) for row in rows]

    @staticmethod
    def _article(row) -> Article:
        article = Article(
            id=row["id"],
            source=row["source"],
            raw=row.get("raw") or "",
            format=row["format"],
            url=row["url"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"],
            published_evidence=row["published_evidence"],
            language=row["language"],
            text=row["text"],
            removed=[Removed(r["text"], r["reason"]) for r in row["removed"]],
            duplicate_of=row["duplicate_of"],
            story_id=row["story_id"],
            entity_keys=list(row["entity_keys"]),
            embedding=_vector(row.get("embedding"), np.float32),
            minhash=_vector(row.get("minhash"), np.uint32),
        )
        load_article_facts(article, row.get("facts"))
        return article

    def story_article_ids(self, story_ids: Iterable[str]) -> list[str]:
        story_ids = list(story_ids)
        with self.engine.connect() as conn:
            return list(conn.scalars(select(articles.c.id).where(articles.c.story_id.in_(story_ids))))

    def set_story(self, article_ids: Iterable[str], story_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(articles).where(articles.c.id.in_(list(article_ids))).values(story_id=story_id))

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search → [(article_id, snippet)]. FTS5 on SQLite; a LIKE scan elsewhere."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                phrase = '"' + query.replace('"', '""') + '"'  # a phrase query: user input is never FTS syntax
                rows = conn.execute(
                    text(
                        "SELECT article_id, snippet(article_search, 2, '[', ']', ' … ', 12) FROM article_search "
                        "WHERE article_search MATCH :q ORDER BY rank LIMIT :n"
                    ),
                    {"q": phrase, "n": limit},
                )
                return [(r[0], r[1]) for r in rows]
            rows = conn.execute(
                select(articles.c.id, articles.c.title).where(articles.c.text.ilike(f"%{query}%")).limit(limit)
            )
            return [(r[0], r[1] or "") for r in rows]

    # --- stories --------------------------------------------------------------------------------

    def save_stories(self, updated: Sequence[Story]) -> None:
        if not updated:
            return
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(delete(stories).where(stories.c.id.in_([s.id for s in updated])))
            conn.execute(
                insert(stories),
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "article_count": len(s.article_ids),
                        "independent_sources": s.independent_sources,
                        "first_published": s.first_published,
                        "last_published": s.last_published,
                        "summary": [{"sentence": x.sentence, "article_ids": x.article_ids} for x in s.summary],
                        "facts": story_facts(s),
                        "updated_at": now,
                    }
                    for s in updated
                ],
            )

    def stories(self) -> list[Story]:
        with self.engine.connect() as conn:
            story_rows = list(conn.execute(select(stories)).mappings())
            members: dict[str, list[str]] = {}
            for article_id, story_id in conn.execute(
                select(articles.c.id, articles.c.story_id)
                .where(articles.c.story_id.is_not(None))
                .order_by(articles.c.published.is_(None), articles.c.published, articles.c.source)
            ):
                members.setdefault(story_id, []).append(article_id)
        result = []
        for row in story_rows:
            story = Story(
                id=row["id"],
                title=row["title"],
                article_ids=members.get(row["id"], []),
                independent_sources=row["independent_sources"],
                first_published=row["first_published"],
                last_published=row["last_published"],
                summary=[SummarySentence(x["sentence"], list(x["article_ids"])) for x in row["summary"]],
            )
            load_story_facts(story, row["facts"])
            result.append(story)
        # Best-sourced stories first, the most recent first among equals: what a reader wants at the top.
        result.sort(key=lambda s: (s.last_published or "", s.id), reverse=True)
        result.sort(key=lambda s: (-s.independent_sources, -len(s.article_ids)))
        return result
