"""Quality gate: value F1 of time expressions on a fixed MEANTIME subset must stay above the pinned floor.

Runs on the first 5 documents of each MEANTIME topic (20 docs, well under a second). The data lives in the
shared benchmarks folder, never in the repository: without it the gate skips, unless ``$CI`` is set.
"""

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).with_name("timex_floors.json")).read_text())


def _benchmark():
    spec = importlib.util.spec_from_file_location("timex_benchmark", ROOT / "benchmarks" / "timex.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_timex_value_f1_above_floor():
    bench = _benchmark()
    try:
        docs = bench.gate_docs(bench.load())
    except FileNotFoundError as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the MEANTIME data for the time-expression quality gate: {error}")
        pytest.skip(str(error))
    assert len(docs) == FLOORS["docs"], "the gate subset changed; re-measure and re-pin the floors"
    counts = bench.evaluate(docs)
    value_f1 = counts.value_prf()[2]
    relaxed_f1 = counts.relaxed_prf()[2]
    assert value_f1 >= FLOORS["floor_value_f1"], f"timex value F1 {value_f1:.3f} < {FLOORS['floor_value_f1']}"
    assert relaxed_f1 >= FLOORS["floor_relaxed_f1"], (
        f"timex detection F1 {relaxed_f1:.3f} < {FLOORS['floor_relaxed_f1']}")
