"""The ECB+ claims gold points at real figures: every offset holds its figure text in the loaded document."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
import ecbplus  # noqa: E402

GOLD = sorted(Path(__file__).parent.glob("*.json"))
QUALIFIERS = {"exact", "more_than", "at_least", "about", "over", "up_to", "nearly", "fewer_than", "range"}
STATUSES = {"corroborated", "single_source", "precision_only", "conflicting"}


def _documents():
    topics = {int(json.loads(p.read_text())["subtopic"].split("/")[0]) for p in GOLD}
    return {d.name: d for d in ecbplus.load(topics)}


def test_gold_format_and_claims():
    assert len(GOLD) >= 10
    for path in GOLD:
        gold = json.loads(path.read_text())
        assert gold["split"] in ("tuning", "held-out")
        used = set()
        for mentions in gold["documents"].values():
            for m in mentions:
                assert m["qualifier"] in QUALIFIERS, m
                assert (m["claim"] is None) == (m["kind"] != "quantity"), m
                used.add(m["claim"])
        assert used - {None} == set(gold["claims"]), path.name
        assert all(c["status"] in STATUSES for c in gold["claims"].values())


def test_offsets_point_at_the_figures(ecbplus_data):
    docs = _documents()
    for path in GOLD:
        gold = json.loads(path.read_text())
        names = {n for n, d in docs.items() if d.subtopic == gold["subtopic"]}
        assert set(gold["documents"]) == names, path.name  # every article of the sub-topic, no other
        for name, mentions in gold["documents"].items():
            text = docs[name].article.text
            for m in mentions:
                assert text[m["start"]:m["end"]] == m["text"], (name, m["id"])
