"""The fact layer on the hand-annotated gold set (tests/gold): quotes, speakers, numbers, dates, claim statuses.

Each gold story's articles go through Storyline's extraction and analysis; the stories are the gold ones and
so are outlet, publication date and syndication (``duplicate_of``), so that the figures measure the fact
layer, not grouping or metadata inference. Then the story's claims are aligned and compared with the gold.
Claim matching (``Thresholds.same_claim``, ``claims.SAME_VALUE_BONUS``) was tuned on the even-numbered stories
(sorted by name); the odd-numbered ones are reported apart as held out.

    .venv/bin/python benchmarks/facts.py [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from storyline.analyze.facts import Analyze
from storyline.analyze.quote_score import QuoteScore, score_quotes
from storyline.model import Article, content_id
from storyline.story.dossier import build_story
from storyline.extract import extract
from storyline.settings import Settings

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
STATUSES = ("corroborated", "single_source", "precision_only", "conflicting")
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def norm(text: str) -> str:
    return " ".join(text.translate(_MARKS).casefold().split())


@dataclass
class GoldStory:
    slug: str
    gold: dict
    articles: dict[str, Article]  # file name -> article


def load(root: Path = GOLD) -> list[GoldStory]:
    stories = []
    for gold_path in sorted(root.glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        articles = {}
        for name, meta in gold["articles"].items():
            raw = (gold_path.parent / name).read_text(encoding="utf-8")
            articles[name] = Article(id=content_id(raw), source=name, raw=raw, format="text")
        for name, meta in gold["articles"].items():
            a = articles[name]
            a.outlet, a.published, a.published_evidence = meta["outlet"], meta["published"], "gold"
            a.duplicate_of = articles[meta["duplicate_of"]].id if meta.get("duplicate_of") else None
        stories.append(GoldStory(gold_path.parent.name, gold, articles))
    return stories


@dataclass
class NumberScore:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    qualifier: int = 0
    unit: int = 0


def _value(v):
    return tuple(float(x) for x in v) if isinstance(v, (list, tuple)) else float(v)


def score_numbers(predicted, gold: list[dict], score: NumberScore) -> None:
    """A gold number is found when a predicted one has the same value and overlapping text."""
    score.gold += len(gold)
    score.predicted += len(predicted)
    used = set()
    for g in gold:
        for i, p in enumerate(predicted):
            if i in used or _value(p.value) != _value(g["value"]):
                continue
            if norm(p.text) in norm(g["text"]) or norm(g["text"]) in norm(p.text):
                used.add(i)
                score.found += 1
                score.qualifier += p.qualifier == g["qualifier"]
                score.unit += p.unit == g["unit"]
                break


def score_dates(predicted, gold: list[dict], counts: Counter) -> None:
    counts["gold"] += len(gold)
    for g in gold:
        match = next((p for p in predicted if norm(g["text"]) in norm(p.text) or norm(p.text) in norm(g["text"])), None)
        if match is not None:
            counts["found"] += 1
            counts["date_right"] += (match.date or None) == (g["date"] or None)


def claim_confusion(story: GoldStory, claims) -> Counter:
    """(gold status, predicted status) for each gold claim; its prediction is the claim sharing most values."""
    by_id = {a.id: name for name, a in story.articles.items()}
    predicted = [{(by_id[aid], norm(text)) for aid, text in c.values.items()} for c in claims]
    confusion: Counter = Counter()
    for g in story.gold["claims"]:
        pairs = {(name, norm(text)) for name, text in g["values"].items()}
        overlaps = [len(pairs & p) for p in predicted]
        best = max(range(len(claims)), key=lambda i: overlaps[i], default=None)
        got = claims[best].status if best is not None and overlaps[best] else "missed"
        confusion[(g["status"], got)] += 1
    return confusion


@dataclass
class Measured:
    quotes: QuoteScore
    numbers: NumberScore
    dates: Counter
    confusion: Counter
    halves: dict[str, Counter]
    articles: int
    stories: int
    analyze_seconds: float

    def summary(self) -> dict[str, float]:
        return {
            "quote_precision": self.quotes.precision,
            "quote_recall": self.quotes.recall,
            "speaker_accuracy": self.quotes.speaker_accuracy,
            "number_recall_qualifier": self.numbers.qualifier / max(self.numbers.gold, 1),
            "claim_status_accuracy": accuracy(self.confusion),
        }


def accuracy(confusion: Counter) -> float:
    return sum(n for (g, p), n in confusion.items() if g == p) / max(sum(confusion.values()), 1)


def measure(settings: Settings, root: Path = GOLD) -> Measured:
    stories = load(root)
    every = [a for s in stories for a in s.articles.values()]
    for a in every:
        extract(a, settings.thresholds)
    started = time.perf_counter()
    list(Analyze(settings).run(every))
    analyze_seconds = time.perf_counter() - started

    quotes, numbers, dates, confusion = QuoteScore(), NumberScore(), Counter(), Counter()
    halves = {"tuning (even)": Counter(), "held-out (odd)": Counter()}
    for position, story in enumerate(stories):
        for name, article in story.articles.items():
            gold = story.gold["articles"][name]
            quotes += score_quotes(article.quotes, gold["quotes"], story.gold["entities"])
            score_numbers(article.numbers, gold["numbers"], numbers)
            score_dates(article.dates, gold["dates"], dates)
        built = build_story(story.slug, list(story.articles.values()), settings)
        story_confusion = claim_confusion(story, built.claims)
        confusion += story_confusion
        halves["tuning (even)" if position % 2 == 0 else "held-out (odd)"] += story_confusion
    return Measured(quotes, numbers, dates, confusion, halves, len(every), len(stories), analyze_seconds)


def report(m: Measured) -> str:
    quotes, numbers, dates, confusion = m.quotes, m.numbers, m.dates, m.confusion
    lines = [
        "# Fact layer on the gold set",
        "",
        f"Produced by `.venv/bin/python benchmarks/facts.py --write` on {time.strftime('%Y-%m-%d %H:%M')} UTC; "
        f"{m.stories} stories, {m.articles} articles (tests/gold, fictional, hand-annotated).",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
        f"| quote spans: precision | {quotes.precision:.3f} | |",
        f"| quote spans: recall | {quotes.recall:.3f} | |",
        f"| speaker accuracy (matched quotes) | {quotes.speaker_accuracy:.3f} | ≥ 0.90 |",
        f"| direct/reported right (matched quotes) | {quotes.direct_right / max(quotes.matched, 1):.3f} | |",
        f"| number recall (value) | {numbers.found / max(numbers.gold, 1):.3f} | |",
        f"| number recall with correct qualifier | {numbers.qualifier / max(numbers.gold, 1):.3f} | ≥ 0.90 |",
        f"| number precision (value) | {numbers.found / max(numbers.predicted, 1):.3f} | |",
        f"| dates found | {dates['found'] / max(dates['gold'], 1):.3f} | |",
        f"| dates resolved right (of found; day, week, month or year) | {dates['date_right'] / max(dates['found'], 1):.3f} | |",
        f"| claim status accuracy, all stories | {accuracy(confusion):.3f} | ≥ 0.85 |",
        *(f"| claim status accuracy, {name} stories | {accuracy(c):.3f} | |" for name, c in m.halves.items()),
        f"| analysis speed (articles/s, parse + all extractors) | {m.articles / m.analyze_seconds:.1f} | |",
        "",
        "Claim-status confusion (rows: gold, columns: predicted; `missed` = no predicted claim shares a value):",
        "",
        "| gold \\ predicted | " + " | ".join(STATUSES) + " | missed |",
        "|---|" + "---:|" * (len(STATUSES) + 1),
    ]
    for g in STATUSES:
        lines.append(f"| {g} | " + " | ".join(str(confusion[(g, p)]) for p in (*STATUSES, "missed")) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/facts.md")
    args = parser.parse_args()
    measured = measure(Settings())
    text = report(measured)
    print(text)
    if args.write:
        (Path(__file__).parent / "results" / "facts.md").write_text(text, encoding="utf-8")
    print(json.dumps(measured.summary()), file=sys.stderr)


if __name__ == "__main__":
    main()
