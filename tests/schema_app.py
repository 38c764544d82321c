"""The API as schemathesis sees it, shared by tests/api/test_schema.py (the CI subset) and benchmarks/security.py
(the full run): a store with a small corpus ingested by the stand-in models, and feeds and watches fetching
through a mocked web that answers every request, so every operation can be called without a network."""

from __future__ import annotations

import httpx
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.api import Services, create_app
from storyline.app import IngestService
from storyline.app.feeds import FeedService
from storyline.app.watches import WatchService
from storyline.model import Article, content_id
from storyline.settings import FetchSettings, Settings
from storyline.sources.web import Fetcher
from storyline.store import Store

TOKEN = "schema-token"
REPORTS = [
    ("Kessel dam inspection\n\nEngineers inspected the Kessel dam on Thursday after heavy rain. Inspector Tova Brin "
    "said the Kessel spillway was clear and the reservoir stood two metres below its limit."),
    ("Kessel reservoir below limit\n\nTova Brin, the dam inspector, said the Kessel reservoir stood two metres below "
    "its limit on Thursday and that the spillway was clear."),
    ("Orlen market hall opens\n\nThe Orlen market hall opened on Sunday with forty stalls. Market warden Ezra Quill said "
    "the Orlen hall will open every weekend until spring."),
]


def build_app(db_url: str, token: str | None = TOKEN, **settings):
    """The app and its open store (close it when done). Writes need ``Authorization: Bearer TOKEN``;
    ``settings``: other Settings fields."""
    settings = Settings(db_url=db_url, **settings)
    store = Store(db_url)
    IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(
        [Article(id=content_id(raw), source=f"{content_id(raw)}.txt", raw=raw, format="text") for raw in REPORTS])
    web = httpx.MockTransport(lambda request: httpx.Response(204))
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=web, resolver=lambda host: ["93.184.216.34"],
                      sleep=lambda seconds: None)
    services = Services(store=store, settings=settings, token=token,
                        feeds=FeedService(store, fetcher, lambda entries: None), watches=WatchService(store, fetcher))
    return create_app(services), store
