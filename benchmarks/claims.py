"""The claims matrix on real multi-outlet reports: hand-annotated ECB+ sub-topics (tests/gold/ecbplus).

Each annotated sub-topic is one story: its documents (text as benchmarks/ecbplus.py rebuilds it) go through
near-duplicate detection and the fact layer, then ``reconcile.claims.align``. ECB+ documents are undated; an
``ecbplus`` document's outlet is the host of its source URL (as a feed would give it), an ``ecb`` document has
none and counts as its own source unless found to be a copy.

A predicted claim is matched to the gold claim most of its figures belong to (figures matched by overlapping
offsets); each gold claim takes at most one predicted claim, the one sharing most figures. Claim precision:
matched / predicted claims (a claim made of figures that are no claim, or a second row for a gold claim, is a
false positive); recall: matched / gold claims; status accuracy: right statuses / matched claims. Tuning and
held-out halves (tests/gold/ecbplus/README.md) are reported apart; only the tuning half was looked at while
improving the matrix.

    .venv/bin/python benchmarks/claims.py [--write] [--show]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import ecbplus
from storyline.analyze.facts import Analyze
from storyline.group.dedup import Dedup
from storyline.model import CLAIM_STATUSES, Article, Claim
from storyline.story.claims import align
from storyline.settings import Settings, load_settings

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold" / "ecbplus"
STATUSES = CLAIM_STATUSES
HALVES = ("tuning", "held-out")


@dataclass
class Story:
    gold: dict
    articles: list[Article]
    names: dict[str, str]  # article id -> document name


def load_gold(root: Path = GOLD, subtopics: set[str] | None = None) -> list[dict]:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.json"))]
    return [g for g in golds if subtopics is None or g["subtopic"] in subtopics]


def analysed_stories(golds: list[dict], settings: Settings, cache: Path | None = None) -> list[Story]:
    """Each gold sub-topic's documents, deduplicated and analysed (the parse is cached in ``cache`` if given)."""
    docs = {d.name: d for d in ecbplus.load({int(g["subtopic"].split("/")[0]) for g in golds})}
    stored = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    stories = []
    for gold in golds:
        articles = [docs[name].article for name in sorted(gold["documents"])]
        for a in articles:
            a.outlet = urlparse(a.url).hostname.removeprefix("www.") if a.url else None
        articles = list(Dedup(settings).run(articles))
        todo = [a for a in articles if a.id not in stored]
        for a in Analyze(settings).run(todo):
            stored[a.id] = (a.numbers, a.dates, a.entities, a.quotes)
        for a in articles:
            a.numbers, a.dates, a.entities, a.quotes = stored[a.id]
        stories.append(Story(gold, articles, {a.id: n for n, d in docs.items() for a in [d.article]}))
    if cache:
        cache.write_bytes(pickle.dumps(stored))
    return stories


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: int = 0
    confusion: Counter = field(default_factory=Counter)

    def __iadd__(self, other: "Score") -> "Score":
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.right += other.right
        self.confusion += other.confusion
        return self

    @property
    def precision(self) -> float:
        return self.matched / max(self.predicted, 1)

    @property
    def recall(self) -> float:
        return self.matched / max(self.gold, 1)

    @property
    def status_accuracy(self) -> float:
        return self.right / max(self.matched, 1)


def gold_claim_of(gold: dict, name: str, start: int, end: int) -> str | None:
    """The gold claim of the annotated figure overlapping [start, end), None if it is no claim or unannotated."""
    for m in gold["documents"].get(name, []):
        if m["start"] < end and start < m["end"]:
            return m["claim"]
    return None


def score_story(story: Story, claims: list[Claim]) -> tuple[Score, list[tuple[Claim, str | None]]]:
    gold = story.gold
    votes: list[tuple[str | None, int]] = []
    for c in claims:
        keys = Counter(gold_claim_of(gold, story.names[m["article"]], m["start"], m["end"]) for m in c.why["figures"])
        keys.pop(None, None)
        votes.append(keys.most_common(1)[0] if keys else (None, 0))
    best: dict[str, int] = {}
    for i, (key, n) in enumerate(votes):
        if key is not None and (key not in best or n > votes[best[key]][1]):
            best[key] = i
    score = Score(gold=len(gold["claims"]), predicted=len(claims), matched=len(best))
    for key, i in best.items():
        want, got = gold["claims"][key]["status"], claims[i].status
        score.right += want == got
        score.confusion[(want, got)] += 1
    matched = {i: key for key, i in best.items()}
    return score, [(c, matched.get(i)) for i, c in enumerate(claims)]


def measure(settings: Settings, golds: list[dict] | None = None, cache: Path | None = None,
            show: bool = False) -> dict[str, Score]:
    from storyline.vectors import settings_encoder

    embed = settings_encoder(settings).encode
    halves = {h: Score() for h in HALVES}
    for story in analysed_stories(golds or load_gold(), settings, cache):
        claims = align(story.articles, embed, settings.thresholds)
        score, rows = score_story(story, claims)
        halves[story.gold["split"]] += score
        if show:
            print(f"## {story.gold['subtopic']} ({story.gold['split']})")
            for c, key in rows:
                want = story.gold["claims"][key]["status"] if key else "-"
                figures = ", ".join(f"{story.names[m['article']]}:{m['text']}" for m in c.why["figures"])
                print(f"  [{key or 'FP'}] {c.status} (gold {want}) {c.why['rule']}: {figures}")
    return halves


def report(halves: dict[str, Score], seconds: float) -> str:
    lines = [
        "# Claims matrix on real reports (ECB+ claims gold)",
        "",
        f"Produced by `.venv/bin/python benchmarks/claims.py --write` on {time.strftime('%Y-%m-%d %H:%M')} UTC "
        f"in {seconds:.0f} s; gold: tests/gold/ecbplus (10 sub-topics, 102 reports, hand-annotated).",
        "",
        "| half | gold claims | predicted | matched | claim precision | claim recall | status accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in halves.items():
        lines.append(f"| {name} | {s.gold} | {s.predicted} | {s.matched} | {s.precision:.3f} | {s.recall:.3f} "
                     f"| {s.status_accuracy:.3f} |")
    lines += ["", "Targets on the held-out half: claim precision ≥ 0.85, status accuracy ≥ 0.85.", ""]
    for name, s in halves.items():
        lines += [f"Status confusion, {name} (rows: gold, columns: predicted, matched claims only):", "",
                  "| gold \\ predicted | " + " | ".join(STATUSES) + " |", "|---|" + "---:|" * len(STATUSES)]
        lines += [f"| {g} | " + " | ".join(str(s.confusion[(g, p)]) for p in STATUSES) + " |" for g in STATUSES]
        lines.append("")
    return "\n".join(lines)


def summary(halves: dict[str, Score]) -> dict[str, float]:
    return {f"{h}_{k}": round(getattr(s, k), 3) for h, s in halves.items()
            for k in ("precision", "recall", "status_accuracy")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/claims.md")
    parser.add_argument("--show", action="store_true", help="print every predicted claim with its gold match")
    parser.add_argument("--cache", type=Path, help="pickle of the analysed documents, reused across runs")
    parser.add_argument("--half", choices=HALVES, help="only this half")
    parser.add_argument("--settings", type=Path, help="a settings TOML file (e.g. another embedding backend)")
    args = parser.parse_args()
    golds = [g for g in load_gold() if args.half in (None, g["split"])]
    started = time.perf_counter()
    halves = measure(load_settings(args.settings) if args.settings else Settings(), golds, args.cache, args.show)
    text = report(halves, time.perf_counter() - started)
    print(text)
    if args.write:
        (Path(__file__).parent / "results" / "claims.md").write_text(text, encoding="utf-8")
    print(json.dumps(summary(halves)), file=sys.stderr)


if __name__ == "__main__":
    main()
