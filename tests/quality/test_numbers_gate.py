"""Quality gate: numeric claims on a fixed NewsQuant subset (the first 120 sentences) against pinned floors.

The data lives in the shared benchmarks folder, never in the repository: without it the gate skips, unless
``$CI`` is set. Scoring is benchmarks/newsquant.py's (CQE's): value, value+unit and concept (partial) F1.
"""

import json
from pathlib import Path

import pytest

FLOORS = json.loads(Path(__file__).with_name("numbers_floors.json").read_text())


@pytest.mark.slow
def test_number_quality_above_floors(benchmark_module, shared_data):
    bench = benchmark_module("newsquant")
    sentences = bench.gate_sentences(shared_data(bench.load))
    assert len(sentences) == FLOORS["sentences"], "the gate subset changed; re-measure and re-pin the floors"
    counts = bench.score(sentences, bench.storyline(sentences))
    measured = {metric: counts.prf(metric)[2] for metric in ("value", "unit", "concept_partial")}
    below = {m: (round(measured[m], 3), FLOORS[f"floor_{m}_f1"]) for m in measured
             if measured[m] < FLOORS[f"floor_{m}_f1"]}
    assert not below, f"number quality below the pinned floors (measured, floor): {below}"
