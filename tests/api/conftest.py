"""An app over a small stored corpus, ingested with the stand-in models; a TestClient to call it."""

import dataclasses

import httpx
import pytest
from fakes import BagOfWordsEncoder, CapitalisedWords
from fastapi.testclient import TestClient

from storyline.api import Services, create_app
from storyline.app import IngestService
from storyline.app.feeds import FeedService
from storyline.app.watches import WatchService
from storyline.model import Article, content_id
from storyline.settings import FetchSettings, Settings
from storyline.sources.web import Fetcher
from storyline.store import Store

REPORTS = [
    "Lantern Ferry Disaster\n\nThe Lantern ferry ran aground off Quillon Point on Monday with 212 passengers on "
    "board. Coastguard captain Maren Holt said all passengers were brought ashore by Quillon lifeboat crews.",
    "Ferry aground at Quillon Point\n\nMaren Holt, the coastguard captain, said the Lantern ferry struck the reef at "
    "Quillon Point after its steering failed. The Quillon lifeboat crews rescued everyone on board.",
    "Bellhaven library reopens\n\nThe Bellhaven city library reopened on Saturday after a two-year restoration. "
    "Librarian Odile Prest said the Bellhaven reading room now holds the restored Corvane maps.",
]


def report(raw: str) -> Article:
    return Article(id=content_id(raw), source=f"{content_id(raw)}.txt", raw=raw, format="text")


@pytest.fixture
def services(tmp_path):
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'api.db'}")
    with Store(settings.db_url) as store:
        IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(
            [report(r) for r in REPORTS])
        yield Services(store=store, settings=settings)


@pytest.fixture
def full_services(services):
    """The services with a write token ("s3cret"), feeds and watches, over a fetcher that never leaves the
    machine (every address resolves to a public one, every request answers 204)."""
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(lambda r: httpx.Response(204)),
                      resolver=lambda host: ["93.184.216.34"])
    return dataclasses.replace(services, token="s3cret", feeds=FeedService(services.store, fetcher, lambda items: None),
                               watches=WatchService(services.store, fetcher))


@pytest.fixture
def client(services):
    with TestClient(create_app(services)) as c:
        yield c
