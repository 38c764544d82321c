"""What the API's routes work with, built once by ``serve`` (or by a test, with fakes) and shared by all requests.

Routes never open stores or load models themselves: they take a ``Services`` from the app's state, so a test
can hand in a store on a temporary database, a fake encoder and a fake network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..app import Queries
from ..settings import Settings
from ..store import Store


@dataclass
class Services:
    store: Store
    settings: Settings
    token: str | None = None  # write endpoints need ``Authorization: Bearer <token>`` when set
    feeds: Any | None = None  # app.feeds.FeedService (add/list/remove); None: feeds are not enabled
    queries: Queries = field(init=False)

    def __post_init__(self) -> None:
        self.queries = Queries(self.store)
