"""The benchmark's stress conditions change only publication dates, reproducibly (benchmarks/grouping.py)."""

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import ecbplus
from grouping import WINDOW_DAYS, WINDOW_START, stressed

from storyline.model import Article


def docs(n=40):
    return [ecbplus.Doc(f"1_{i}ecb", 1, "1/ecb", Article(id=f"a{i}", source="t", raw="x", format="text", text="x",
                                                         published=f"2008-12-0{1 + i % 9}"))
            for i in range(n)]


def test_undated_withholds_every_date_and_leaves_the_originals_alone():
    original = docs()
    out = stressed(original, "undated")
    assert all(d.article.published is None for d in out)
    assert all(d.article.published is not None for d in original)
    assert [d.article.text for d in out] == [d.article.text for d in original]


def test_window_redates_into_one_window_the_same_way_every_run():
    out = stressed(docs(), "window")
    days = [date.fromisoformat(d.article.published) for d in out]
    assert all(0 <= (day - WINDOW_START).days < WINDOW_DAYS for day in days)
    assert len(set(days)) > 1
    assert [d.article.published for d in stressed(docs(), "window")] == [d.article.published for d in out]
