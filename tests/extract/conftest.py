from pathlib import Path

import pytest

from storyline.model import Article
from storyline.settings import Thresholds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"


def _fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _make_article(raw: str, fmt: str = "text", **meta) -> Article:
    return Article(id="a1", source=meta.pop("source", "test-input"), raw=raw, format=fmt, **meta)


@pytest.fixture
def fixture_text():
    """Read a hand-written fixture from tests/fixtures/extract/."""
    return _fixture_text


@pytest.fixture
def make_article():
    """Build an Article as ingest would: raw content, format, and any metadata from the input."""
    return _make_article


@pytest.fixture
def thresholds() -> Thresholds:
    return Thresholds()
