"""The server's ingest worker: a background thread that turns queued submissions into stored articles.

It sleeps until an enqueue wakes it (or ``poll`` seconds pass, for items queued by another process), claims what
is waiting as one batch, and runs the same ``IngestService`` as ``storyline ingest`` on it, with the models
loaded once for the process; then it rebuilds the dossiers of the touched stories at once, so a new article is
visible in its story right after its batch. Every item ends ``done`` (with its article and story) or ``failed``
(with the reason); a bad item never stops the worker, and when idle the worker finishes dossiers left marked.

A URL is an article's identity: fetched again with new content, the article gets a new revision under the same
id (``store.revisions``); with the same content, the submission is a no-op.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Sequence

from ..engine import Drops, log
from ..exceptions import BadDocument, StorylineError
from ..extract import extract
from ..model import Article, content_id
from ..sources.base import Reader
from ..sources.decode import decode
from ..store.queue import QueueItem
from ..text.urls import normalise_url
from .ingest import IngestService

Fetch = Callable[[str], tuple[bytes | str, str, str]]  # url -> (body, content type, final url)
Listener = Callable[[list[str], list[str]], object]  # (new article ids, changed story ids) after each batch
BATCH = 32  # items per batch: big enough to share the model passes, small enough to keep latency low
IDLE_DOSSIERS = 4  # dossiers left marked (by a delete, a bulk load) rebuilt per idle round
_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


class _Submitted(Reader):
    """The reader checks (encodable text, bounded length, plausible dates) for submitted inputs."""

    name = "api"


class Worker:
    def __init__(self, ingest: IngestService, fetch: Fetch | None = None, *, batch: int = BATCH,
                 poll: float = 1.0, listener: Listener | None = None) -> None:
        self.ingest = ingest
        self.store = ingest.store
        self.queue = ingest.store.queue
        self.fetch = fetch  # None: URL submissions fail, saying fetching is not configured
        self.batch = batch
        self.poll = poll
        self.listener = listener  # told what each batch stored (watches), after its items are visible
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._finished = threading.Condition()  # notified after every batch, for callers waiting on items
        self._thread: threading.Thread | None = None
        self._heartbeat: threading.Thread | None = None
        self._holding: list[int] = []  # ids of the batch in work, whose lease the heartbeat renews

    # --- lifecycle ------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="storyline-worker", daemon=True)
            self._heartbeat = threading.Thread(target=self._renew, name="storyline-worker-lease", daemon=True)
            self._thread.start()
            self._heartbeat.start()

    def stop(self, timeout: float = 60) -> None:
        """Stop after the current batch; what is still queued stays queued for the next start."""
        thread, heartbeat, self._thread, self._heartbeat = self._thread, self._heartbeat, None, None
        if thread is not None:
            self._stop.set()
            self._wake.set()
            thread.join(timeout)
            heartbeat.join(timeout)

    def _renew(self) -> None:
        """Keep the lease on the batch in work, however long its models take, so no other worker takes it over."""
        while not self._stop.wait(self.queue.lease.total_seconds() / 4):
            try:
                self.queue.renew(list(self._holding))
            except Exception:  # noqa: BLE001 - a missed renewal only risks a second worker redoing the batch
                log.exception("ingest worker: renewing the lease of items %s failed", self._holding)

    def wake(self) -> None:
        self._wake.set()

    def wait_for(self, item_ids: Sequence[int], timeout: float) -> list[QueueItem]:
        """The items once all are finished, or as they stand when ``timeout`` seconds have passed."""
        deadline = time.monotonic() + timeout
        while True:
            items = self.queue.get(item_ids)
            left = deadline - time.monotonic()
            if all(item.finished for item in items) or left <= 0:
                return items
            with self._finished:  # woken by this worker's batches; the short timeout covers other processes'
                self._finished.wait(min(left, 0.2))

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before claiming: an enqueue from now on wakes the next wait
            try:
                busy = self.run_once() or self._refresh_leftovers()
            except Exception:  # noqa: BLE001 - e.g. the database away for a moment: log, wait, try again
                log.exception("ingest worker: a round failed; retrying in %.0f s", self.poll)
                busy = False
            if not busy:
                self._wake.wait(self.poll)

    # --- one round ----------------------------------------------------------------------------------------

    def run_once(self) -> int:
        """Claim and process one batch; how many items it held."""
        items = self.queue.claim(self.batch)
        if items:
            self._holding = [item.id for item in items]
            try:
                self._process(items)
            except Exception:
                # e.g. the database away for a moment: retry the unfinished items next round, not after the lease
                self.queue.release([item.id for item in items], count_attempt=True)
                raise
            finally:
                self._holding = []
                with self._finished:
                    self._finished.notify_all()
        return len(items)

    def _refresh_leftovers(self) -> bool:
        marked = sorted(self.store.dirty())[:IDLE_DOSSIERS]
        return bool(marked) and self.ingest.refresh_dirty(marked) > 0

    def _process(self, items: list[QueueItem]) -> None:
        reader = _Submitted("api")
        pending: dict[int, Article] = {}
        urls: set[str] = set()
        deferred: list[int] = []
        revised: set[str] = set()
        for item in items:
            try:
                article = self._article(item, reader)
                if article.url:
                    if article.url in urls:  # the same URL twice in one batch: the second is a revision of the first
                        deferred.append(item.id)
                        continue
                    urls.add(article.url)
                    stored = self.store.revisions.by_url(article.url)
                    if stored is not None:
                        if stored.raw is not None and content_id(stored.raw) == article.id:
                            self.queue.finish(item.id, stored.article_id, self.store.article(stored.article_id).story_id,
                                              note="unchanged: this URL is stored with the same content")
                            continue
                        if stored.raw is not None:
                            # Extract a copy first: a new content that cannot be used leaves the stored one in place.
                            settings = self.ingest.settings
                            extract(copy.deepcopy(article), settings.thresholds, settings.extract_budget_seconds)
                            revised.add(self.store.revisions.archive(stored.article_id) or "")
                        article.id = stored.article_id
                pending[item.id] = article
            except StorylineError as e:
                self.queue.fail(item.id, str(e))
            except Exception as e:  # noqa: BLE001 - a bug met on one item costs that item, logged with its cause
                log.exception("queue item %s failed", item.id)
                self.queue.fail(item.id, f"internal error: {type(e).__name__}: {e}")
        self.queue.release(deferred)
        self._ingest(pending, revised - {""})

    def _ingest(self, pending: dict[int, Article], revised: set[str]) -> None:
        if not pending:
            if revised:
                self.ingest.refresh_dirty(revised)
            return
        drops = Drops()
        try:
            result = self.ingest.ingest(pending.values(), drops, refresh=False)
        except Exception:  # noqa: BLE001 - isolate the item that broke the batch: retry them one by one
            if len(pending) == 1:
                item_id = next(iter(pending))
                log.exception("queue item %s: ingesting failed", item_id)
                self.queue.fail(item_id, "ingesting failed (see the server log)")
                return
            for item_id, article in pending.items():
                self._ingest({item_id: article}, revised)
            return
        self.ingest.refresh_dirty(set(result.stories_created) | set(result.stories_updated) | revised)
        stored = {a.id: a for a in self.store.articles({a.id for a in pending.values()}, with_facts=False)}
        for item_id, article in pending.items():
            if article.id in stored:
                self.queue.finish(item_id, article.id, stored[article.id].story_id)
            else:
                self.queue.fail(item_id, drops.reasons.get(article.source, "not stored (see the server log)"))
        if self.listener is not None:
            changed = set(result.stories_created) | set(result.stories_updated) | revised
            try:
                self.listener([a.id for a in pending.values() if a.id in stored], sorted(changed))
            except Exception:  # noqa: BLE001 - a listener's failure must not fail the articles already stored
                log.exception("ingest worker: telling the listener about a batch failed")

    def _article(self, item: QueueItem, reader: _Submitted) -> Article:
        s = item.submission
        source = s.source or (s.content if s.kind == "url" else f"api/queue/{item.id}")
        published = reader.published(s.published, source)
        evidence = (s.published_evidence or "given with the submission") if published else None
        if s.kind != "url":
            return reader.article(s.content, s.kind, source, title=s.title, outlet=s.outlet, published=published,
                                  published_evidence=evidence)
        url = normalise_url(s.content)
        if self.fetch is None:
            raise BadDocument("fetching is not configured", "this server was started without a fetcher")
        body, content_type, _final = self.fetch(url)  # the submitted URL stays the identity, wherever it redirected
        limit = self.ingest.settings.max_item_bytes
        if len(body) > limit:  # the fetcher caps downloads too; this holds whatever fetcher is plugged in
            raise BadDocument("too large", f"{url} is over {limit / 1e6:g} MB")
        fmt = _FORMATS.get(content_type.split(";")[0].strip().lower())
        if fmt is None:
            raise BadDocument("unsupported content type", f"{content_type!r} from {url}; need HTML or plain text")
        text = decode(body) if isinstance(body, bytes) else body
        return reader.article(text, fmt, source, url=url, title=s.title, outlet=s.outlet, published=published,
                              published_evidence=evidence)
