"""Quality gate: the claims matrix on a few hand-annotated real ECB+ sub-topics (tests/gold/ecbplus).

Fails when claim precision, recall or status accuracy on those sub-topics drops below claims_floors.json
(measured, minus a margin). Skips when ../shared/benchmarks is missing, unless CI is set.
"""

import json
import sys
from pathlib import Path

import pytest

from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from claims import Score, load_gold, measure  # noqa: E402

FLOORS = json.loads(Path(__file__).with_name("claims_floors.json").read_text())


@pytest.mark.slow
def test_claims_matrix_quality_floors(ecbplus_data):
    total = Score()
    for half in measure(Settings(), load_gold(subtopics=set(FLOORS["subtopics"]))).values():
        total += half
    measured = {"precision": total.precision, "recall": total.recall, "status_accuracy": total.status_accuracy}
    below = {k: (round(v, 3), FLOORS[k]) for k, v in measured.items() if v < FLOORS[k]}
    assert not below, f"claims matrix below the pinned floors (measured, floor): {below}"
