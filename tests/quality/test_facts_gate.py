"""Quality gate: the fact layer on the hand-annotated gold set (tests/gold) against pinned floors.

Fails when quote, speaker, number or claim-status quality drops below facts_floors.json (measured, minus a margin).
"""

import json
import sys
from pathlib import Path

import pytest

from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from facts import measure  # noqa: E402

FLOORS = json.loads(Path(__file__).with_name("facts_floors.json").read_text())


@pytest.mark.slow
def test_fact_layer_quality_floors():
    measured = measure(Settings()).summary()
    below = {k: (round(measured[k], 3), floor) for k, floor in FLOORS.items() if measured[k] < floor}
    assert not below, f"fact quality below the pinned floors (measured, floor): {below}"
