"""Quality gate: Storyline's HTML extraction must not fall below the pinned F1 on a fixed benchmark subset.

The metric is the public article-extraction-benchmark's (mean per-page shingle precision and recall,
F1 from the means; see storyline.extract.evaluation). Data comes from ``$STORYLINE_BENCHMARKS`` or
``<repo>/../shared/benchmarks``; without it the gate is skipped locally and fails under CI.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from trafilatura.utils import decode_file

from storyline.model import Article
from storyline.exceptions import BadDocument
from storyline.extract import extract
from storyline.extract.evaluation import mean_score, page_scores
from storyline.settings import Thresholds

REPO = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).with_name("extraction_floors.json")).read_text(encoding="utf-8"))
EVERY = 7  # the subset: every 7th page of the sorted ids


def _data_dir() -> Path:
    root = Path(os.environ.get("STORYLINE_BENCHMARKS") or REPO.parent / "shared" / "benchmarks")
    return root / "extraction-scrapinghub"


def test_extraction_f1_stays_above_floor():
    folder = _data_dir()
    if not (folder / "ground-truth.json").is_file():
        message = (f"extraction benchmark data not found at {folder}; put the Scrapinghub benchmark there "
                   "or set STORYLINE_BENCHMARKS to the folder that contains extraction-scrapinghub/")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for page_id in sorted(truth)[::EVERY]:
        html = decode_file(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        article = Article(id=page_id, source=page_id, raw=html, format="html", url=truth[page_id].get("url"))
        try:
            text = extract(article, Thresholds()).text
        except BadDocument:
            text = ""
        scores.append(page_scores(truth[page_id]["articleBody"], text))
    score = mean_score(scores)
    assert score.f1 >= FLOORS["floor_f1"], (
        f"extraction F1 {score.f1:.4f} (P {score.precision:.4f}, R {score.recall:.4f}) on {score.pages} pages "
        f"fell below the floor {FLOORS['floor_f1']} pinned in tests/quality/extraction_floors.json")
