"""Fixtures for the web UI tests: the corpus store (webcorpus.py), a fake feeds service, a TestClient."""

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))  # webcorpus, shared by the page and browser tests
from webcorpus import FERRY, FakeFeeds, build_store

from storyline.api import Services, create_app
from storyline.model import content_id
from storyline.settings import Settings


@pytest.fixture
def store(store_url):
    """The corpus on SQLite, and on PostgreSQL where its server binaries are installed."""
    with build_store(store_url) as s:
        yield s


@pytest.fixture
def feeds():
    return FakeFeeds()


@pytest.fixture
def client(store, feeds):
    with TestClient(create_app(Services(store=store, settings=Settings(db_url=store.url), feeds=feeds))) as c:
        yield c


@pytest.fixture
def ferry(store):
    return store.story(store.article(content_id(FERRY[0])).story_id)
