"""The ``Store``: everything Storyline keeps, behind a small API that hides the SQL dialect.

Reads are get-one (``article``, ``story``) and paged, filtered queries sorted in SQL; writes happen inside
``unit_of_work()``, one transaction that either lands whole or not at all. On SQLite that transaction takes the
write lock when it starts (``BEGIN IMMEDIATE``), so two ingests at once take turns instead of failing halfway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection, String, and_, cast, delete, event, exists, func, insert, literal_column, select, text, update,
)
from sqlalchemy import create_engine
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..exceptions import ArticleNotFound, ConfigError, Conflict, StoreError, StoryNotFound
from ..model import Article, Membership, Story, codec
from .queue import LEASE, IngestQueue
from .revisions import Revisions
from .rows import article_from, article_row, story_from, story_row
from .schema import article_revisions, articles, dirty_stories, memberships, stories

MIGRATIONS = Path(__file__).with_name("migrations")
SERIAL_LOCK = 0x5354_4F52  # PostgreSQL advisory lock key of serial write transactions ("STOR")
StorySort = Literal["sources", "date", "size", "updated"]
_HEAVY = {"raw": ("raw",), "vectors": ("embedding", "minhash"), "facts": ("facts",)}


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # the driver stays out of transactions; _sqlite_begin starts them
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (web UI) never block the ingesting writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")  # a second writer waits its turn instead of failing
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("storyline_write") else "BEGIN")


def chunks(ids: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """Id lists cut to a size every database accepts in an IN clause."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass(frozen=True, slots=True)
class StoryFilter:
    since: date | None = None  # stories with an article on or after this day
    until: date | None = None  # ... on or before this day
    outlet: str | None = None  # covered by this outlet (case-insensitive)
    entity: str | None = None  # naming this entity (its grouping key: casefolded name)
    query: str | None = None  # whose articles match this full-text query
    min_articles: int = 0
    has_conflicts: bool | None = None


@dataclass(frozen=True, slots=True)
class Page:
    items: list
    total: int
    offset: int
    limit: int

    @property
    def more(self) -> int:
        return max(0, self.total - self.offset - len(self.items))


class Store:
    """Open with a URL (``sqlite:///file.db`` or ``postgresql+psycopg://…``); use as a context manager.

    ``migrate=True`` brings an older database to the current schema once, under the write lock, so two
    processes opening it at once do not both migrate; ``storyline db upgrade`` does the same explicitly.
    ``queue_lease`` is how long the ingest queue leaves a claimed item to its worker (``store.queue``).
    """

    def __init__(self, url: str, migrate: bool = True, queue_lease: timedelta = LEASE) -> None:
        self.url = url
        self.queue_lease = queue_lease
        try:
            self.engine: Engine = create_engine(url)
        except ModuleNotFoundError as e:
            raise ConfigError(f"the database driver for {url.split('://')[0]} is not installed ({e.name}); for "
                              "PostgreSQL install psycopg 3 (pip install 'psycopg[binary]') and write the URL as "
                              "postgresql+psycopg://user@host/database") from e
        except (SQLAlchemyError, ValueError) as e:
            raise StoreError(f"cannot open database {url}: {e}") from e
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        try:
            if migrate:
                self.upgrade()
        except SQLAlchemyError as e:
            self.engine.dispose()
            raise StoreError(f"cannot open database {url}: {e.__class__.__name__}: {e.args[0] if e.args else e}") from e

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @cached_property
    def queue(self) -> IngestQueue:
        """The service's durable queue of submitted articles (``store.queue``)."""
        return IngestQueue(self, lease=self.queue_lease)

    @cached_property
    def revisions(self) -> Revisions:
        """Articles by URL, and the earlier contents of those whose page changed (``store.revisions``)."""
        return Revisions(self)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    # --- schema -------------------------------------------------------------------------------------

    def _alembic(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def revision(self) -> tuple[str | None, str]:
        """(the database's schema revision, the newest this version knows)."""
        head = ScriptDirectory.from_config(self._alembic()).get_current_head()
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision(), head

    def upgrade(self) -> bool:
        """Migrate to the newest schema if needed; True when something was migrated."""
        current, head = self.revision()
        if current == head:
            return False
        known = {s.revision for s in ScriptDirectory.from_config(self._alembic()).walk_revisions()}
        if current is not None and current not in known:
            raise Conflict(f"the database has schema {current}, newer than this Storyline knows: upgrade Storyline")
        with self.unit_of_work() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(7419)"))  # one migrating process at a time
            if MigrationContext.configure(conn).get_current_revision() == head:
                return False  # another process migrated while this one waited for the lock
            config = self._alembic()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        return True

    # --- transactions ---------------------------------------------------------------------------------

    @contextmanager
    def unit_of_work(self, serial: bool = False) -> Iterator[Connection]:
        """One write transaction: everything done with the connection lands together, or nothing does.

        ``serial``: a transaction that reads shared state and writes it back (grouping's story profiles and corpus
        statistics) waits for any other such transaction, so two ingests (two servers on one database) cannot
        overwrite each other's updates. SQLite's write transactions always take turns (``BEGIN IMMEDIATE``); on
        PostgreSQL this one first takes an advisory lock that its commit or rollback releases."""
        with self.engine.connect().execution_options(storyline_write=True) as conn, conn.begin():
            if serial and conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SERIAL_LOCK})
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # --- articles -----------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str], conn: Connection | None = None) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self._use(conn) as c:
            for chunk in chunks(ids):
                found.update(c.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        return found

    def has_articles(self, conn: Connection | None = None) -> bool:
        with self._use(conn) as c:
            return c.scalar(select(articles.c.id).limit(1)) is not None

    def add_articles(self, conn: Connection, new: Sequence[Article]) -> None:
        """Insert new articles (ids must be new: callers filter with ``known_ids`` in the same transaction)."""
        if new:
            now = datetime.now(UTC)
            conn.execute(insert(articles), [{**article_row(a), "ingested_at": now} for a in new])

    def save_anchors(self, conn: Connection, changed: Sequence[Article]) -> None:
        """Store the reference dates (and the dates resolved against them) a story gave its undated articles."""
        for a in changed:
            row = article_row(a)
            conn.execute(update(articles).where(articles.c.id == a.id).values(
                reference_date=a.reference_date, reference_evidence=a.reference_evidence, facts=row["facts"]))

    def _article_query(self, with_raw: bool, with_vectors: bool, with_facts: bool):
        skipped = {name for flag, key in ((with_raw, "raw"), (with_vectors, "vectors"), (with_facts, "facts"))
                   if not flag for name in _HEAVY[key]}
        return select(*(c for c in articles.c if c.name not in skipped))

    def article(self, article_id: str, *, with_raw: bool = False) -> Article:
        with self.reading() as conn:
            row = conn.execute(
                self._article_query(with_raw, False, True).where(articles.c.id == article_id)).mappings().first()
        if row is None:
            raise ArticleNotFound(article_id)
        return article_from(row)

    def articles(
        self, ids: Iterable[str] | None = None, *, with_raw: bool = False, with_vectors: bool = False,
        with_facts: bool = True, conn: Connection | None = None,
    ) -> list[Article]:
        """Stored articles (all, or ``ids``), dated first; heavy columns (raw, vectors, facts) on request."""
        query = self._article_query(with_raw, with_vectors, with_facts).order_by(*_BY_TIME)
        with self._use(conn) as c:
            if ids is None:
                rows = list(c.execute(query).mappings())
            else:
                rows = [r for chunk in chunks(list(ids)) for r in c.execute(query.where(articles.c.id.in_(chunk))).mappings()]
        rows.sort(key=lambda r: (r["published_day"] is None, r["published_day"] or date.min, r["published"] or "", r["source"]))
        return [article_from(row) for row in rows]

    def article_page(self, *, story_id: str | None = None, outlet: str | None = None, offset: int = 0,
                     limit: int = 50) -> Page:
        """Articles newest first (undated last), without text-heavy columns' facts, filtered and paged in SQL."""
        where = []
        if story_id:
            where.append(articles.c.story_id == story_id)
        if outlet:
            where.append(func.lower(articles.c.outlet) == outlet.casefold())
        query = self._article_query(False, False, False).where(*where)
        with self.reading() as conn:
            total = conn.scalar(select(func.count()).select_from(articles).where(*where))
            rows = conn.execute(query.order_by(articles.c.published_day.is_(None), articles.c.published_day.desc(),
                                               articles.c.published.desc(), articles.c.id).offset(offset).limit(limit)).mappings()
            return Page([article_from(r) for r in rows], total or 0, offset, limit)

    def delete_article(self, article_id: str) -> str | None:
        """Delete one article and its earlier revisions; returns its story id, whose dossier is marked for rebuilding."""
        with self.unit_of_work() as conn:
            story_id = conn.scalar(select(articles.c.story_id).where(articles.c.id == article_id))
            if conn.execute(delete(articles).where(articles.c.id == article_id)).rowcount == 0:
                raise ArticleNotFound(article_id)
            conn.execute(delete(memberships).where(memberships.c.article_id == article_id))
            conn.execute(update(articles).where(articles.c.duplicate_of == article_id).values(duplicate_of=None))
            conn.execute(delete(article_revisions).where(article_revisions.c.article_id == article_id))
            if story_id:
                self.mark_dirty(conn, [story_id])
        return story_id

    def story_members(self, story_ids: Iterable[str], conn: Connection | None = None) -> dict[str, list[str]]:
        """Story id -> its article ids, in publication order."""
        members: dict[str, list[str]] = {}
        with self._use(conn) as c:
            for chunk in chunks(sorted(set(story_ids))):
                rows = c.execute(select(articles.c.id, articles.c.story_id).where(articles.c.story_id.in_(chunk))
                                 .order_by(*_BY_TIME))
                for article_id, story_id in rows:
                    members.setdefault(story_id, []).append(article_id)
        return members

    def memberships(self, article_ids: Iterable[str]) -> dict[str, Membership]:
        """Article id -> why it is in its story (articles grouped before these were kept have none)."""
        found: dict[str, Membership] = {}
        with self.reading() as conn:
            for chunk in chunks(sorted(set(article_ids))):
                for article_id, record in conn.execute(select(memberships.c.article_id, memberships.c.record)
                                                       .where(memberships.c.article_id.in_(chunk))):
                    found[article_id] = codec.from_dict(Membership, record)
        return found

    # --- full-text search -----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, offset: int = 0) -> Page:
        """Articles matching ``query`` → Page of (article_id, snippet), best first.

        Words are ANDed; ``"a phrase"``, ``OR`` and a trailing ``*`` (prefix) work on both SQLite (FTS5) and
        PostgreSQL (tsvector); anything else in the input is taken as words, never as query syntax.
        """
        with self.reading() as conn:
            if self.is_sqlite:
                match = _fts5_query(query)
                if not match:
                    return Page([], 0, offset, limit)
                total = conn.scalar(text("SELECT count(*) FROM article_search WHERE article_search MATCH :q"), {"q": match})
                rows = conn.execute(text(
                    "SELECT article_id, snippet(article_search, 2, '[', ']', ' … ', 12) FROM article_search "
                    "WHERE article_search MATCH :q ORDER BY rank LIMIT :n OFFSET :o"), {"q": match, "n": limit, "o": offset})
                return Page([(r[0], r[1]) for r in rows], total or 0, offset, limit)
            if not _tsquery(query):
                return Page([], 0, offset, limit)
            tsquery = func.to_tsquery("english", _tsquery(query))
            search = literal_column("articles.search")
            where = search.op("@@")(tsquery)
            total = conn.scalar(select(func.count()).select_from(articles).where(where))
            rows = conn.execute(
                select(articles.c.id, func.ts_headline("english", articles.c.text, tsquery,
                                                       "StartSel=[,StopSel=],MaxWords=24,MinWords=8"))
                .where(where).order_by(func.ts_rank(search, tsquery).desc()).offset(offset).limit(limit))
            return Page([(r[0], r[1]) for r in rows], total or 0, offset, limit)

    # --- stories --------------------------------------------------------------------------------------

    def save_stories(self, conn: Connection, updated: Sequence[Story]) -> None:
        if not updated:
            return
        now = datetime.now(UTC)
        conn.execute(delete(stories).where(stories.c.id.in_([s.id for s in updated])))
        conn.execute(insert(stories), [{**story_row(s), "updated_at": now} for s in updated])

    def delete_stories(self, conn: Connection, story_ids: Sequence[str]) -> None:
        for chunk in chunks(list(story_ids)):
            conn.execute(delete(stories).where(stories.c.id.in_(chunk)))

    def story(self, story_id: str) -> Story:
        with self.reading() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None:
                raise StoryNotFound(story_id)
            return story_from(row, self.story_members([story_id], conn).get(story_id, []))

    def story_titles(self, story_ids: Iterable[str]) -> dict[str, str]:
        """Story id -> title, for naming stories a page links to without loading their dossiers."""
        found: dict[str, str] = {}
        with self.reading() as conn:
            for chunk in chunks(sorted(set(story_ids))):
                found.update(conn.execute(select(stories.c.id, stories.c.title).where(stories.c.id.in_(chunk))).all())
        return found

    def story_stamp(self, story_id: str) -> tuple[str, int] | None:
        """(when its dossier was last saved, its article count): changes whenever the stored story does; one
        indexed row, cheap enough to poll every second. None when there is no such story (any more)."""
        with self.reading() as conn:
            row = conn.execute(select(stories.c.updated_at, stories.c.article_count)
                               .where(stories.c.id == story_id)).first()
        return None if row is None else (row[0].isoformat(), row[1])

    def stories(self, filters: StoryFilter = StoryFilter(), sort: StorySort = "sources", offset: int = 0,
                limit: int | None = None) -> Page:
        """Stories filtered and sorted in SQL, one page of them (all when ``limit`` is None)."""
        where = self._story_where(filters)
        order = {
            "sources": (stories.c.independent_sources.desc(), stories.c.article_count.desc()),
            "size": (stories.c.article_count.desc(),),
            "date": (),
            "updated": (stories.c.updated_at.desc(),),
        }[sort] + (stories.c.last_day.is_(None), stories.c.last_day.desc(), stories.c.last_published.desc(), stories.c.id)
        with self.reading() as conn:
            total = conn.scalar(select(func.count()).select_from(stories).where(*where)) or 0
            query = select(stories).where(*where).order_by(*order).offset(offset)
            rows = list(conn.execute(query if limit is None else query.limit(limit)).mappings())
            members = self.story_members([r["id"] for r in rows], conn)
        return Page([story_from(r, members.get(r["id"], [])) for r in rows], total, offset, limit or total)

    def _story_where(self, f: StoryFilter) -> list:
        where = []
        if f.since:
            where.append(stories.c.last_day >= f.since)
        if f.until:
            where.append(stories.c.first_day <= f.until)
        if f.min_articles:
            where.append(stories.c.article_count >= f.min_articles)
        if f.has_conflicts is not None:
            where.append(stories.c.has_conflicts.is_(f.has_conflicts))
        member = and_(articles.c.story_id == stories.c.id)
        if f.outlet:
            where.append(exists().where(member, func.lower(articles.c.outlet) == f.outlet.casefold()))
        if f.entity:
            key = '"' + " ".join(f.entity.casefold().split()).replace('"', "") + '"'
            where.append(exists().where(member, cast(articles.c.entity_keys, String).contains(key, autoescape=True)))
        if f.query:
            ids = [hit for hit, _ in self.search(f.query, limit=10_000).items]
            where.append(exists().where(member, articles.c.id.in_(ids)))
        return where

    # --- dossiers to rebuild --------------------------------------------------------------------------

    def mark_dirty(self, conn: Connection, story_ids: Iterable[str]) -> None:
        """Mark or bump each story's mark in one upsert: two transactions marking the same new story (an API
        delete while the worker ingests, on PostgreSQL) then take turns on the row, where an update-else-insert
        made the second fail on the primary key."""
        ids = sorted(set(story_ids))  # one order for every writer: no deadlock between two of them
        if ids:
            upsert = (sqlite_insert if self.is_sqlite else postgresql_insert)(dirty_stories)
            conn.execute(upsert.on_conflict_do_update(index_elements=[dirty_stories.c.story_id],
                                                      set_={"generation": dirty_stories.c.generation + 1}),
                         [{"story_id": story_id, "generation": 1} for story_id in ids])

    def dirty(self) -> dict[str, int]:
        """Story id -> generation of its dirty mark."""
        with self.reading() as conn:
            return dict(conn.execute(select(dirty_stories.c.story_id, dirty_stories.c.generation)).all())

    def clear_dirty(self, conn: Connection, story_id: str, generation: int) -> None:
        """Clear a mark unless it was set again since ``generation`` was read (then it is rebuilt next time)."""
        conn.execute(delete(dirty_stories).where(dirty_stories.c.story_id == story_id,
                                                 dirty_stories.c.generation == generation))

    @contextmanager
    def _use(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self.reading() as c:
                yield c


_BY_TIME = (articles.c.published_day.is_(None), articles.c.published_day, articles.c.published, articles.c.source)
_QUERY_TERM = re.compile(r'"[^"]*"|\S+')


def _query_terms(query: str) -> list[tuple[list[str], bool] | str]:
    """User input → terms: (words of a word or "phrase", prefix?) or "OR"; anything else is dropped, so input
    is never query syntax of the database."""
    terms: list[tuple[list[str], bool] | str] = []
    for term in _QUERY_TERM.findall(query):
        if term == "OR":
            if terms and terms[-1] != "OR":
                terms.append("OR")
            continue
        words = re.findall(r"\w+", term)
        if words:
            terms.append((words, term.endswith("*") and not term.startswith('"')))
    while terms and terms[-1] == "OR":
        terms.pop()
    return terms


def _fts5_query(query: str) -> str:
    """FTS5: words and "phrases" ANDed (juxtaposed), OR kept, a trailing * as prefix."""
    return " ".join(t if t == "OR" else '"' + " ".join(t[0]) + '"' + ("*" if t[1] else "") for t in _query_terms(query))


def _tsquery(query: str) -> str:
    """PostgreSQL to_tsquery: the same terms, phrases with <->, prefixes with :*, AND as &."""
    out: list[str] = []
    for term in _query_terms(query):
        if term == "OR":
            out.append("|")
            continue
        words, prefix = term
        if out and out[-1] != "|":
            out.append("&")
        out.append("(" + " <-> ".join(words) + (":*" if prefix else "") + ")")
    return " ".join(out)
