"""Quality gate: quotes and speakers on the first PolNeAR dev articles (real news) against pinned floors.

The data lives in the shared benchmarks folder, never in the repository: without it the gate skips, unless
``$CI`` is set. Parses are cached in /tmp by the benchmark, so a re-run takes seconds.
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import quotes as bench  # noqa: E402

FLOORS = json.loads(Path(__file__).with_name("quotes_floors.json").read_text())


@pytest.mark.slow
def test_quote_quality_above_floors(shared_data):
    articles = shared_data(bench.gate_articles)
    assert len(articles) == FLOORS["articles"], "the gate subset changed; re-measure and re-pin the floors"
    counts = bench.evaluate(articles)
    measured = {
        "direct_content_f1": counts.prf("direct")[2],
        "direct_speaker_accuracy": counts.speaker_accuracy(("direct",)),
        "indirect_content_f1": counts.prf("indirect")[2],
        "indirect_speaker_accuracy": counts.speaker_accuracy(("indirect", "mixed")),
    }
    below = {k: (round(v, 3), FLOORS[k]) for k, v in measured.items() if v < FLOORS[k]}
    assert not below, f"quote quality below the pinned floors (measured, floor): {below}"
