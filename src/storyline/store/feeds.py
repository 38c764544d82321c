"""Feeds and watches in the store: the poll schedule, the entry links already submitted, watches and deliveries.

Kept beside ``Store`` (whose engine and transactions they use) so the article and story code stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..exceptions import Conflict, NotFound
from ..model import Delivery, Feed, Watch
from .database import Page, Store, chunks
from .schema import feed_entries, feeds, watch_deliveries, watch_stories, watches


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time Storyline stores is UTC."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _feed(row: Mapping) -> Feed:
    return Feed(id=row["id"], url=row["url"], interval=row["interval"], next_poll=_utc(row["next_poll"]),
                title=row["title"], etag=row["etag"], last_modified=row["last_modified"],
                last_polled=_utc(row["last_polled"]), error_count=row["error_count"], last_error=row["last_error"])


def _watch(row: Mapping) -> Watch:
    return Watch(id=row["id"], webhook=row["webhook"], created_at=_utc(row["created_at"]), query=row["query"],
                 entity=row["entity"], outlet=row["outlet"], story_id=row["story_id"])


def _delivery(row: Mapping) -> Delivery:
    return Delivery(id=row["id"], watch_id=row["watch_id"], event=row["event"], subjects=list(row["subjects"]),
                    delivered_at=_utc(row["delivered_at"]), status=row["status"], error=row["error"])


class FeedStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, url: str, interval: int, now: datetime) -> Feed:
        """A new feed, due at once; Conflict when the URL is already a feed."""
        try:
            with self.store.unit_of_work() as conn:
                feed_id = conn.execute(insert(feeds).values(url=url, interval=interval, next_poll=now,
                                                            error_count=0)).inserted_primary_key[0]
        except IntegrityError:
            with self.store.reading() as conn:
                known = conn.scalar(select(feeds.c.id).where(feeds.c.url == url))
            raise Conflict(f"{url} is already feed {known}") from None
        return self.feed(feed_id)

    def feed(self, feed_id: int) -> Feed:
        with self.store.reading() as conn:
            row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).mappings().first()
        if row is None:
            raise NotFound("feed", str(feed_id), "run `storyline feeds list` to list them")
        return _feed(row)

    def page(self, offset: int = 0, limit: int = 50) -> Page:
        with self.store.reading() as conn:
            total = conn.scalar(select(func.count()).select_from(feeds)) or 0
            rows = conn.execute(select(feeds).order_by(feeds.c.id).offset(offset).limit(limit)).mappings()
            return Page([_feed(r) for r in rows], total, offset, limit)

    def remove(self, feed_id: int) -> None:
        with self.store.unit_of_work() as conn:
            conn.execute(delete(feed_entries).where(feed_entries.c.feed_id == feed_id))
            if conn.execute(delete(feeds).where(feeds.c.id == feed_id)).rowcount == 0:
                raise NotFound("feed", str(feed_id), "run `storyline feeds list` to list them")

    def due(self, now: datetime) -> list[Feed]:
        with self.store.reading() as conn:
            rows = conn.execute(select(feeds).where(feeds.c.next_poll <= now).order_by(feeds.c.next_poll, feeds.c.id))
            return [_feed(r) for r in rows.mappings()]

    def unseen(self, feed_id: int, links: Iterable[str]) -> list[str]:
        """``links`` not yet submitted for this feed, in the given order, each once."""
        with self.store.reading() as conn:
            return _unseen(conn, feed_id, links)

    def polled(self, feed: Feed, now: datetime, next_poll: datetime, submitted: Iterable[str] = (), *,
               title: str | None = None, etag: str | None = None, last_modified: str | None = None,
               not_modified: bool = False) -> None:
        """A successful poll: the links handed to ingest are remembered, the schedule and validators updated."""
        values = {"last_polled": now, "next_poll": next_poll, "error_count": 0, "last_error": None}
        if not not_modified:
            values |= {"etag": etag, "last_modified": last_modified, "title": title or feed.title}
        with self.store.unit_of_work() as conn:
            conn.execute(update(feeds).where(feeds.c.id == feed.id).values(**values))
            new = _unseen(conn, feed.id, submitted)  # another poller may have stored some meanwhile
            if new:
                conn.execute(insert(feed_entries), [{"feed_id": feed.id, "link": link, "seen_at": now} for link in new])

    def failed(self, feed: Feed, now: datetime, next_poll: datetime, error: str) -> None:
        with self.store.unit_of_work() as conn:
            conn.execute(update(feeds).where(feeds.c.id == feed.id).values(
                last_polled=now, next_poll=next_poll, error_count=feeds.c.error_count + 1, last_error=error))


def _unseen(conn: Connection, feed_id: int, links: Iterable[str]) -> list[str]:
    links = list(dict.fromkeys(links))
    seen: set[str] = set()
    for chunk in chunks(links):
        seen.update(conn.scalars(select(feed_entries.c.link).where(feed_entries.c.feed_id == feed_id,
                                                                   feed_entries.c.link.in_(chunk))))
    return [link for link in links if link not in seen]


class WatchStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, webhook: str, now: datetime, *, query: str | None = None, entity: str | None = None,
            outlet: str | None = None, story_id: str | None = None) -> Watch:
        with self.store.unit_of_work() as conn:
            watch_id = conn.execute(insert(watches).values(webhook=webhook, query=query, entity=entity, outlet=outlet,
                                                           story_id=story_id, created_at=now)).inserted_primary_key[0]
        return self.watch(watch_id)

    def watch(self, watch_id: int) -> Watch:
        with self.store.reading() as conn:
            row = conn.execute(select(watches).where(watches.c.id == watch_id)).mappings().first()
        if row is None:
            raise NotFound("watch", str(watch_id))
        return _watch(row)

    def page(self, offset: int = 0, limit: int = 50) -> Page:
        with self.store.reading() as conn:
            total = conn.scalar(select(func.count()).select_from(watches)) or 0
            rows = conn.execute(select(watches).order_by(watches.c.id).offset(offset).limit(limit)).mappings()
            return Page([_watch(r) for r in rows], total, offset, limit)

    def all(self) -> list[Watch]:
        with self.store.reading() as conn:
            return [_watch(r) for r in conn.execute(select(watches).order_by(watches.c.id)).mappings()]

    def remove(self, watch_id: int) -> None:
        with self.store.unit_of_work() as conn:
            for table in (watch_deliveries, watch_stories):
                conn.execute(delete(table).where(table.c.watch_id == watch_id))
            if conn.execute(delete(watches).where(watches.c.id == watch_id)).rowcount == 0:
                raise NotFound("watch", str(watch_id))

    def followed(self, story_ids: Iterable[str]) -> dict[str, dict[int, tuple[int, int]]]:
        """Story id -> {watch id: (claims, conflicts) when last seen} for the watches following it."""
        out: dict[str, dict[int, tuple[int, int]]] = {}
        with self.store.reading() as conn:
            for chunk in chunks(sorted(set(story_ids))):
                for row in conn.execute(select(watch_stories).where(watch_stories.c.story_id.in_(chunk))).mappings():
                    out.setdefault(row["story_id"], {})[row["watch_id"]] = (row["claims"], row["conflicts"])
        return out

    def follow(self, watch_id: int, story_id: str, claims: int, conflicts: int) -> None:
        """Follow a story (or update the counts seen last)."""
        key = (watch_stories.c.watch_id == watch_id, watch_stories.c.story_id == story_id)
        with self.store.unit_of_work() as conn:
            if not conn.execute(update(watch_stories).where(*key).values(claims=claims, conflicts=conflicts)).rowcount:
                conn.execute(insert(watch_stories).values(watch_id=watch_id, story_id=story_id, claims=claims,
                                                          conflicts=conflicts))

    def record(self, watch_id: int, event: str, subjects: list[str], now: datetime, status: int | None,
               error: str | None) -> Delivery:
        with self.store.unit_of_work() as conn:
            delivery_id = conn.execute(insert(watch_deliveries).values(
                watch_id=watch_id, event=event, subjects=subjects, status=status, error=error,
                delivered_at=now)).inserted_primary_key[0]
            row = conn.execute(select(watch_deliveries).where(watch_deliveries.c.id == delivery_id)).mappings().one()
        return _delivery(row)

    def deliveries(self, watch_id: int, offset: int = 0, limit: int = 50) -> Page:
        """The watch's webhook calls, newest first."""
        where = watch_deliveries.c.watch_id == watch_id
        with self.store.reading() as conn:
            total = conn.scalar(select(func.count()).select_from(watch_deliveries).where(where)) or 0
            rows = conn.execute(select(watch_deliveries).where(where).order_by(watch_deliveries.c.id.desc())
                                .offset(offset).limit(limit)).mappings()
            return Page([_delivery(r) for r in rows], total, offset, limit)
