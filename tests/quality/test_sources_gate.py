"""Quality gate: the input readers on a fixed subset of real news (PolNeAR dev texts, Scrapinghub pages).

Fails when decoding, the handling of damaged JSONL lines or real publication dates fall below
sources_floors.json, or when any damaged line crashes, goes uncounted or passes a bad field on. Data comes
from ``$STORYLINE_BENCHMARKS`` or ``<repo>/../shared/benchmarks``; without it the gate is skipped locally and
fails under CI.
"""

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import sources as bench  # noqa: E402

FLOORS = json.loads(Path(__file__).with_name("sources_floors.json").read_text(encoding="utf-8"))
LIMIT = 30  # texts and pages per part: the first 30 of each, sorted


def test_readers_on_real_news_stay_above_floors():
    needed = (bench.DATA / "polnear" / "data" / "metadata-train-dev.tsv", bench.DATA / "extraction-scrapinghub" / "html")
    if not all(path.exists() for path in needed):
        message = f"benchmark data not found under {bench.DATA}; set STORYLINE_BENCHMARKS to the folder holding it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    measured = bench.summary(bench.measure(LIMIT)["held-out"])
    assert measured["failures"] == 0, measured
    below = {k: (round(measured[k], 3), floor) for k, floor in FLOORS.items() if measured[k] < floor}
    assert not below, f"reader quality below the pinned floors (measured, floor): {below}"
