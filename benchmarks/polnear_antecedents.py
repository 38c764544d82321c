"""Hand annotation of who PolNeAR's unnamed quote Sources ("he", "the spokesman") refer to.

PolNeAR marks a Source span but does not link a pronoun or a description to the person it means, so the speaker
scorer in benchmarks/quotes.py needs an antecedent. This script supports annotating them BLIND: ``show`` prints,
for each direct quote whose gold Source names nobody, the article text before it with the Source marked — the
gold annotation and the article only; it never imports or runs Storyline's analysis. The annotator writes one
line per item into ``tests/gold/polnear_antecedents/<split>.notes`` (``item-id<TAB>fullest name as written in
the article``, several joined by `` | `` for a plural Source, or ``unnamed`` / ``organisation`` when the text
names nobody); ``build`` turns the notes into ``<split>.json`` with the character offsets of each name (its last
occurrence before the Source, else its first anywhere), so no article text beyond the short name spans and the
gold Source enters the repository.

Items: every such quote of dev, and a fixed random sample (seed 6) of train.

    python benchmarks/polnear_antecedents.py show --split dev [--start N] [--count N]
    python benchmarks/polnear_antecedents.py build --split dev
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import quotes as bench  # the PolNeAR reader only (gold spans and text)

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "gold" / "polnear_antecedents"
TRAIN_SAMPLE = 150
NOBODY = ("unnamed", "organisation")


def items(split: str) -> list[tuple[str, bench.Article, bench.Gold]]:
    """(item id, article, gold) for direct quotes whose Source names nobody, one per Source span."""
    found: dict[str, tuple[bench.Article, bench.Gold]] = {}
    for article in bench.load(split):
        for g in sorted(article.gold, key=lambda g: g.source_start):
            if g.kind == "direct" and g.source and not bench._name_words(g.source):
                found.setdefault(f"{article.name}:{g.source_start}", (article, g))
    keys = sorted(found)
    if split == "train":
        keys = sorted(random.Random(6).sample(keys, TRAIN_SAMPLE))
    return [(k, *found[k]) for k in keys]


def show(split: str, start: int, count: int) -> None:
    for n, (key, article, g) in enumerate(items(split)[start:start + count], start):
        end = g.source_start + len(g.source)
        quote_end = max(e for _s, e in g.spans)
        before = article.text[max(0, g.source_start - 450):g.source_start]
        after = article.text[end:min(quote_end, end + 120)]
        print(f"#{n} {key}  SOURCE={g.source!r}\n{before}[[{g.source}]]{after}\n")


def build(split: str) -> None:
    notes = dict(
        line.split("\t", 1) for line in (FOLDER / f"{split}.notes").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    out, problems = [], []
    for key, article, g in items(split):
        name = notes.get(key, "").strip()
        record = {"file": article.name, "source": {"start": g.source_start, "text": g.source}}
        if not name:
            problems.append(f"{key}: not annotated")
            continue
        if name in NOBODY:
            record["antecedent"] = name
        else:
            spans = [_locate(article.text, one.strip(), g.source_start) for one in name.split("|")]
            if None in spans:
                problems.append(f"{key}: {name!r} not in the article")
                continue
            record["antecedent"] = spans
        out.append(record)
    if problems:
        sys.exit("\n".join(problems))
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in out)  # one record a line: readable diffs
    (FOLDER / f"{split}.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"{len(out)} antecedents written to {FOLDER / f'{split}.json'}")


def _locate(text: str, name: str, before: int) -> dict | None:
    """The name's last occurrence before the Source, else its first anywhere."""
    at = text.rfind(name, 0, before)
    at = at if at >= 0 else text.find(name)
    return {"start": at, "end": at + len(name), "text": name} if at >= 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=("show", "build"))
    parser.add_argument("--split", choices=("dev", "train"), required=True)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=10**6)
    args = parser.parse_args()
    show(args.split, args.start, args.count) if args.command == "show" else build(args.split)


if __name__ == "__main__":
    main()
