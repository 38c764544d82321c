"""CI's share of ``benchmarks/crash.py``: kill -9 the real ``storyline ingest`` and ``storyline batch`` (stand-in
models) on a small fictional corpus, run them again until done, and compare with an uninterrupted run."""

import random
from pathlib import Path

import crash  # benchmarks/crash.py (tests/conftest.py puts benchmarks/ on the path)
import pytest

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    """The gold set's fictional articles: a few stories of several articles each."""
    return [{"text": path.read_text(encoding="utf-8"), "published": None, "source": f"{path.parent.name}/{path.name}"}
            for path in sorted(GOLD.glob("*/*.txt"))]


def test_ingest_killed_twice_ends_as_an_uninterrupted_run(corpus, tmp_path):
    outcome = crash.cli_mode(corpus, 2, tmp_path, random.Random(1), tiny=True)
    assert outcome.kills >= 1 and outcome.ok, crash.row(outcome)


def test_batch_killed_ends_with_the_shards_of_an_uninterrupted_run(corpus, tmp_path):
    pytest.importorskip("pyarrow")
    outcome = crash.batch_mode(corpus, 1, tmp_path, random.Random(2), tiny=True)
    assert outcome.kills == 1 and outcome.ok and outcome.notes["partial"] == 0, crash.row(outcome)
