"""Quality gate: value F1 of time expressions on fixed MEANTIME and TimeBank subsets must stay above the floors.

Runs on the first 5 documents of each MEANTIME topic (20 docs) and every 10th TimeBank document (19 docs), a
second or two. The data lives in the shared benchmarks folder, never in the repository: without it the gate
skips, unless ``$CI`` is set.
"""

import importlib.util
import json
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).with_name("timex_floors.json")).read_text())


def _benchmark():
    spec = importlib.util.spec_from_file_location("timex_benchmark", ROOT / "benchmarks" / "timex.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _gate(select, load, floors: dict, shared_data) -> None:
    bench = _benchmark()
    docs = shared_data(lambda: getattr(bench, select)(getattr(bench, load)()))
    assert len(docs) == floors["docs"], "the gate subset changed; re-measure and re-pin the floors"
    counts = bench.evaluate(docs)
    value_f1 = counts.value_prf()[2]
    relaxed_f1 = counts.relaxed_prf()[2]
    assert value_f1 >= floors["floor_value_f1"], f"timex value F1 {value_f1:.3f} < {floors['floor_value_f1']}"
    assert relaxed_f1 >= floors["floor_relaxed_f1"], (
        f"timex detection F1 {relaxed_f1:.3f} < {floors['floor_relaxed_f1']}")


def test_timex_value_f1_above_floor(shared_data):
    _gate("gate_docs", "load", FLOORS, shared_data)


def test_timex_value_f1_on_timebank_above_floor(shared_data):
    _gate("te3_gate_docs", "load_tempeval", FLOORS["timebank"], shared_data)
