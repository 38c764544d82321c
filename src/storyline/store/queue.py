"""The durable ingest queue: what the API accepted, kept in the database until the worker has stored it.

An item goes ``queued`` → ``working`` (claimed by a worker) → ``done`` or ``failed`` (with the reason). Claiming
is safe with several workers: on SQLite the claim runs under the write lock (``BEGIN IMMEDIATE``), on
PostgreSQL it skips rows another worker has locked (``FOR UPDATE SKIP LOCKED``). A worker that dies leaves its
items ``working``; a live worker renews the lease of what it holds, so once a lease has run out (a minute) any
worker claims those items again: a restart loses nothing. A batch cut short is first retried as it was (the
same articles ingested together give the same stories); after ``BATCH_ATTEMPTS`` its items go one at a time, so
an item that keeps killing its worker is failed by itself after ``MAX_ATTEMPTS`` instead of looping for ever,
while its batch-mates, which only shared its fate or that of a server killed for other reasons, go through.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..exceptions import InputError, NotFound
from ..sources.base import Clock, utc_now
from .schema import ingest_queue, submission_keys

if TYPE_CHECKING:
    from .database import Store

Kind = Literal["text", "html", "url"]
State = Literal["queued", "working", "done", "failed"]
BATCH_ATTEMPTS = 3  # claims of an item in its batch; then it is claimed alone ...
MAX_ATTEMPTS = 5  # ... and failed after this many claims in all
LEASE = timedelta(minutes=1)  # a claim not renewed for this long belongs to a worker that died


@dataclass(frozen=True, slots=True)
class Submission:
    """One input as submitted: ``content`` is the text, the HTML or the URL, as ``kind`` says."""

    kind: Kind
    content: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_evidence: str | None = None  # where ``published`` came from; default: the submitted request
    source: str | None = None


@dataclass(frozen=True, slots=True)
class QueueItem:
    id: int
    state: State
    submission: Submission
    reason: str | None
    article_id: str | None
    story_id: str | None
    attempts: int
    created_at: datetime
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class IngestQueue:
    def __init__(self, store: Store, clock: Clock = utc_now, lease: timedelta = LEASE) -> None:
        self.store = store
        self.clock = clock
        self.lease = lease

    def enqueue(self, submissions: Sequence[Submission], key: str | None = None) -> list[int]:
        """Queue all of ``submissions`` in one transaction; their ids, in order.

        With a ``key`` (a client's Idempotency-Key), the first request with that key is queued and every later one
        gets the same ids back: a client that lost the answer can resubmit without queueing the items twice. A key
        reused for other submissions is an InputError."""
        if not submissions:
            return []
        digest = _digest(submissions)
        try:
            with self.store.unit_of_work() as conn:
                if key is not None and (known := _known(conn, key, digest)) is not None:
                    return known
                ids = self._insert(conn, submissions)
                if key is not None:
                    conn.execute(insert(submission_keys).values(key=key, request_hash=digest, queue_ids=json.dumps(ids),
                                                                created_at=self.clock()))
                return ids
        except IntegrityError:
            if key is None:
                raise
            # Another request with this key committed first (PostgreSQL lets both look before either writes).
            with self.store.reading() as conn:
                known = _known(conn, key, digest)
            if known is None:
                raise
            return known

    def _insert(self, conn, submissions: Sequence[Submission]) -> list[int]:
        now = self.clock()
        rows = [{"state": "queued", "kind": s.kind, "content": s.content, "title": s.title, "outlet": s.outlet,
                 "published": s.published,
                 "published_evidence": s.published_evidence, "source": s.source, "created_at": now} for s in submissions]
        result = conn.execute(insert(ingest_queue).returning(ingest_queue.c.id, sort_by_parameter_order=True), rows)
        return [row[0] for row in result]

    def claim(self, limit: int) -> list[QueueItem]:
        """Up to ``limit`` items for this worker, oldest first: queued ones, and those whose lease ran out."""
        now = self.clock()
        q = ingest_queue.c
        with self.store.unit_of_work() as conn:
            abandoned = (q.state == "working") & (q.claimed_at < now - self.lease)
            rows = conn.execute(select(q.id, q.attempts).where(or_(q.state == "queued", abandoned)).order_by(q.id)
                                .limit(limit).with_for_update(skip_locked=True)).all()
            if not rows:
                return []
            # Past its batch attempts, an item goes alone; until then, only items still within theirs go together.
            ids = [rows[0].id] if rows[0].attempts >= BATCH_ATTEMPTS else [
                row.id for row in rows if row.attempts < BATCH_ATTEMPTS]
            conn.execute(update(ingest_queue).where(q.id.in_(ids))
                         .values(state="working", claimed_at=now, attempts=q.attempts + 1))
            items = [_item(row) for row in conn.execute(select(ingest_queue).where(q.id.in_(ids)).order_by(q.id)).mappings()]
        worn = [item for item in items if item.attempts > MAX_ATTEMPTS]
        for item in worn:  # it was claimed this often because processing it kept killing the worker
            self.fail(item.id, f"gave up after {MAX_ATTEMPTS} attempts (the last {MAX_ATTEMPTS - BATCH_ATTEMPTS} "
                               "alone): processing it stopped the worker each time")
        return [item for item in items if item.attempts <= MAX_ATTEMPTS]

    def renew(self, item_ids: Sequence[int]) -> None:
        """Extend the lease of items this worker is still working on."""
        if item_ids:
            q = ingest_queue.c
            with self.store.unit_of_work() as conn:
                conn.execute(update(ingest_queue).where(q.id.in_(list(item_ids)), q.state == "working")
                             .values(claimed_at=self.clock()))

    def release(self, item_ids: Sequence[int], *, count_attempt: bool = False) -> None:
        """Put claimed, unfinished items back in the queue: they wait for something else first (the attempt is
        not counted), or their round failed (it is, so an item that always fails ends up failed)."""
        if item_ids:
            q = ingest_queue.c
            with self.store.unit_of_work() as conn:
                conn.execute(update(ingest_queue).where(q.id.in_(list(item_ids)), q.state == "working").values(
                    state="queued", claimed_at=None, attempts=q.attempts if count_attempt else q.attempts - 1))

    def finish(self, item_id: int, article_id: str, story_id: str | None, note: str | None = None) -> None:
        # The article now holds the content: the queue keeps no second copy (a failed item keeps its own).
        self._close(item_id, state="done", article_id=article_id, story_id=story_id, reason=note, content="")

    def fail(self, item_id: int, reason: str) -> None:
        self._close(item_id, state="failed", reason=reason)

    def _close(self, item_id: int, **values) -> None:
        with self.store.unit_of_work() as conn:
            conn.execute(update(ingest_queue).where(ingest_queue.c.id == item_id).values(finished_at=self.clock(), **values))

    def get(self, item_ids: Sequence[int]) -> list[QueueItem]:
        """The items with these ids, in the order given; NotFound for an unknown id."""
        with self.store.reading() as conn:
            rows = {r["id"]: _item(r) for r in conn.execute(
                select(ingest_queue).where(ingest_queue.c.id.in_(list(item_ids)))).mappings()}
        missing = [i for i in item_ids if i not in rows]
        if missing:
            raise NotFound("queue item", str(missing[0]))
        return [rows[i] for i in item_ids]

    def waiting(self) -> int:
        """Items not finished yet (queued or being worked on)."""
        with self.store.reading() as conn:
            return conn.scalar(select(func.count()).select_from(ingest_queue)
                               .where(ingest_queue.c.state.in_(("queued", "working")))) or 0


def _digest(submissions: Sequence[Submission]) -> str:
    return hashlib.sha256(json.dumps([astuple(s) for s in submissions], ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _known(conn, key: str, digest: str) -> list[int] | None:
    """The queue ids an earlier request with ``key`` made, or None for a new key."""
    row = conn.execute(select(submission_keys.c.request_hash, submission_keys.c.queue_ids)
                       .where(submission_keys.c.key == key)).first()
    if row is None:
        return None
    if row.request_hash != digest:
        raise InputError(f"the Idempotency-Key {key!r} was already used for a different request; "
                         "use a new key for new content")
    return json.loads(row.queue_ids)


def _item(row) -> QueueItem:
    return QueueItem(
        id=row["id"], state=row["state"], reason=row["reason"], article_id=row["article_id"],
        story_id=row["story_id"], attempts=row["attempts"], created_at=row["created_at"],
        finished_at=row["finished_at"],
        submission=Submission(kind=row["kind"], content=row["content"], title=row["title"], outlet=row["outlet"],
                              published=row["published"], published_evidence=row["published_evidence"],
                              source=row["source"]))
