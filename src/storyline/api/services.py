"""What the API's routes work with, built once by ``serve`` (or by a test, with fakes) and shared by all requests.

Routes never open stores or load models themselves: they take a ``Services`` from the app's state, so a test
can hand in a store on a temporary database, a fake encoder and a fake network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..app import Queries
from ..app.feeds import FeedService
from ..app.ingest import IngestService
from ..app.watches import WatchService
from ..app.worker import Worker
from ..engine import log
from ..settings import Settings
from ..sources.web import Fetcher
from ..store import Store
from ..store.queue import Submission


@dataclass
class Services:
    store: Store
    settings: Settings
    token: str | None = None  # write endpoints need ``Authorization: Bearer <token>`` when set
    worker: Worker | None = None  # ingests what POST /articles queues; without one, submissions wait in the queue
    feeds: FeedService | None = None  # /feeds answer 503 without it
    watches: WatchService | None = None  # /watches answer 503 without it
    fetcher: Fetcher | None = None  # POST /articles refuses a URL it may not fetch (the SSRF rules) before queueing it
    background: list[Callable[[threading.Event], object]] = field(default_factory=list)  # run on threads while serving
    queries: Queries = field(init=False)
    _stop: threading.Event = field(init=False, default_factory=threading.Event)
    _threads: list[threading.Thread] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.queries = Queries(self.store)

    @classmethod
    def for_server(cls, store: Store, settings: Settings, ingest: IngestService, fetcher: Fetcher,
                   token: str | None = None) -> Services:
        """Everything ``serve`` runs: the ingest worker fetching through ``fetcher``, feeds whose new entries
        join the ingest queue, and watches told about each stored batch (on their own thread, so a slow
        webhook never delays the next article)."""
        watches = WatchService(store, fetcher)
        notify = ThreadPoolExecutor(1, thread_name_prefix="storyline-watches")

        def tell_watches(article_ids: list[str], story_ids: list[str]) -> None:
            notify.submit(_deliver, watches, article_ids, story_ids)

        worker = Worker(ingest, fetcher.fetch, listener=tell_watches)

        def submit(entries: list[dict]) -> None:
            store.queue.enqueue([Submission("url", e["url"], title=e.get("title"), published=e.get("published"),
                                            published_evidence=e.get("published_evidence"), source=e["url"]) for e in entries])
            worker.wake()

        feeds = FeedService(store, fetcher, submit)
        return cls(store=store, settings=settings, token=token, worker=worker, feeds=feeds, watches=watches,
                   fetcher=fetcher, background=[feeds.run])

    def start(self) -> None:
        self._stop.clear()
        if self.worker is not None:
            self.worker.start()
        for task in self.background:
            thread = threading.Thread(target=task, args=(self._stop,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        if self.worker is not None:
            self.worker.stop()
        for thread in self._threads:
            thread.join(timeout=30)
        self._threads.clear()


def _deliver(watches: WatchService, article_ids: list[str], story_ids: list[str]) -> None:
    try:
        watches.articles_added(article_ids)
        watches.stories_changed(story_ids)
    except Exception:  # noqa: BLE001 - on the notifier thread: logged, and the next batch is told as usual
        log.exception("watches: delivering a batch's notifications failed")
