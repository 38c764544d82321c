"""What the API's routes work with, built once by ``serve`` (or by a test, with fakes) and shared by all requests.

Routes never open stores or load models themselves: they take a ``Services`` from the app's state, so a test
can hand in a store on a temporary database, a fake encoder and a fake network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..app import Queries
from ..app.feeds import FeedService
from ..app.watches import WatchService
from ..app.worker import Worker
from ..settings import Settings
from ..store import Store


@dataclass
class Services:
    store: Store
    settings: Settings
    token: str | None = None  # write endpoints need ``Authorization: Bearer <token>`` when set
    worker: Worker | None = None  # ingests what POST /articles queues; without one, submissions wait in the queue
    feeds: FeedService | None = None  # /feeds answer 503 without it
    watches: WatchService | None = None  # /watches answer 503 without it
    queries: Queries = field(init=False)

    def __post_init__(self) -> None:
        self.queries = Queries(self.store)

    def start(self) -> None:
        if self.worker is not None:
            self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
