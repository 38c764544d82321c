"""Quality gate: Storyline's HTML extraction must not fall below the pinned F1s on a fixed benchmark subset.

The metrics are the public article-extraction-benchmark's (mean per-page shingle precision and recall,
F1 from the means) and ROUGE-LSum (F1 per page, averaged); see storyline.extract.evaluation. Data comes from ``$STORYLINE_BENCHMARKS`` or
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
from storyline.extract.evaluation import mean_page_f1, mean_score, page_scores, rouge_lsum
from storyline.settings import Thresholds

REPO = Path(__file__).resolve().parents[2]
FLOORS = json.loads((Path(__file__).with_name("extraction_floors.json")).read_text(encoding="utf-8"))
EVERY = 7  # the subset: every 7th page of the sorted ids


def _data_dir() -> Path:
    root = Path(os.environ.get("STORYLINE_BENCHMARKS") or REPO.parent / "shared" / "benchmarks")
    return root / "extraction-scrapinghub"


def test_extraction_f1s_stay_above_floors():
    folder = _data_dir()
    if not (folder / "ground-truth.json").is_file():
        message = (f"extraction benchmark data not found at {folder}; put the Scrapinghub benchmark there "
                   "or set STORYLINE_BENCHMARKS to the folder that contains extraction-scrapinghub/")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores, rouge = [], []
    for page_id in sorted(truth)[::EVERY]:
        html = decode_file(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        article = Article(id=page_id, source=page_id, raw=html, format="html", url=truth[page_id].get("url"))
        try:
            text = extract(article, Thresholds()).text
        except BadDocument:
            text = ""
        scores.append(page_scores(truth[page_id]["articleBody"], text))
        rouge.append(rouge_lsum(truth[page_id]["articleBody"], text))
    score = mean_score(scores)
    rouge_f1 = mean_page_f1(rouge)
    assert rouge_f1 >= FLOORS["floor_rouge_lsum_f1"], (
        f"extraction ROUGE-LSum F1 {rouge_f1:.4f} on {score.pages} pages fell below the floor "
        f"{FLOORS['floor_rouge_lsum_f1']} pinned in tests/quality/extraction_floors.json")
    assert score.f1 >= FLOORS["floor_f1"], (
        f"extraction F1 {score.f1:.4f} (P {score.precision:.4f}, R {score.recall:.4f}) on {score.pages} pages "
        f"fell below the floor {FLOORS['floor_f1']} pinned in tests/quality/extraction_floors.json")
