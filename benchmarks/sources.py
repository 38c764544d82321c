"""The input readers on real news: decoding, a real JSONL feed, and the same feed with every line damaged.

1. Encodings: each PolNeAR article text (real US news, 2016) written as UTF-8, UTF-8 with BOM, UTF-16 with BOM,
   UTF-16 LE and BE without BOM, and Windows-1252 (when every character has a byte there); the share that
   ``decode`` reads back exactly.
2. HTML pages: the 181 Scrapinghub benchmark pages as served (bytes); the share ``decode`` reads without a
   drop, and the share where it agrees exactly with trafilatura's ``decode_file`` (charset-aware).
3. Feed: a JSONL line per PolNeAR article with its real title, publisher and publication date; then the same
   feed with one defect per line (cycled over the defect kinds, seeded): crashes, lines not accounted for
   (neither an article nor a counted drop), articles with unencodable text, implausible dates kept, and
   per defect kind whether the line was dropped or kept as documented.

The decoder's constants were set from first principles and checked on the tuning part only: PolNeAR train
and the first half of the Scrapinghub pages (sorted ids); PolNeAR dev and the second half are held out.

    .venv/bin/python benchmarks/sources.py [--write] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from storyline.exceptions import BadDocument
from storyline.engine import Drops
from storyline.sources import read_paths
from storyline.sources.decode import decode

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("STORYLINE_BENCHMARKS") or REPO.parent / "shared" / "benchmarks")
RESULTS = REPO / "benchmarks" / "results" / "sources.md"
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)  # a fixed clock: the plausible window must not drift
ENCODINGS = {  # name -> bytes of a text
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 + BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16 + BOM": lambda t: t.encode("utf-16"),
    "utf-16-le, no BOM": lambda t: t.encode("utf-16-le"),
    "utf-16-be, no BOM": lambda t: t.encode("utf-16-be"),
    "windows-1252": lambda t: t.encode("cp1252"),
}
DEFECTS = {  # kind -> (damage to one record or its line, expected outcome)
    "title is a number": (lambda r: {**r, "title": 7}, "kept"),
    "url is a list": (lambda r: {**r, "url": [r["url"]]}, "kept"),
    "outlet is an object": (lambda r: {**r, "outlet": {"name": r["outlet"]}}, "kept"),
    "lone surrogate in text": (lambda r: {**r, "text": r["text"][:200] + "\ud800" + r["text"][200:]}, "kept"),
    "published 0001-01-01": (lambda r: {**r, "published": "0001-01-01"}, "kept"),
    "published 9999-12-31": (lambda r: {**r, "published": "9999-12-31"}, "kept"),
    "text is a list": (lambda r: {**r, "text": r["text"].split("\n")}, "dropped"),
    "text missing": (lambda r: {k: v for k, v in r.items() if k != "text"}, "dropped"),
    "truncated JSON": (lambda r: json.dumps(r)[:-40], "dropped"),
    "a NUL byte": (lambda r: json.dumps(r)[:50] + "\x00" + json.dumps(r)[50:], "dropped"),
}


def polnear(split: str, limit: int | None = None) -> list[dict]:
    """One record per PolNeAR article of ``split``: its text and real metadata (sorted by file name)."""
    root = DATA / "polnear" / "data"
    with (root / "metadata-train-dev.tsv").open(encoding="utf-8") as f:
        meta = {row["filename"]: row for row in csv.DictReader(f, delimiter="\t") if row["compartment"] == split}
    records = []
    for name in sorted(meta)[:limit]:
        row = meta[name]
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        records.append({"text": text, "url": f"https://{row['publisher']}.example/{name}", "title": row["title"],
                        "outlet": row["publisher"], "published": row["publication_date"]})
    return records


def measure_encodings(texts: list[str]) -> dict[str, tuple[int, int]]:
    """Per encoding: (texts read back exactly, texts that encoding can hold)."""
    out = {}
    for name, encode in ENCODINGS.items():
        exact = total = 0
        for text in texts:
            try:
                data = encode(text)
            except UnicodeEncodeError:
                continue
            total += 1
            try:
                exact += decode(data) == text
            except BadDocument:
                pass
        out[name] = (exact, total)
    return out


def measure_pages(ids: list[str]) -> dict[str, int]:
    from trafilatura.utils import decode_file

    folder = DATA / "extraction-scrapinghub" / "html"
    counts = Counter(pages=len(ids))
    for page_id in ids:
        data = gzip.decompress((folder / f"{page_id}.html.gz").read_bytes())
        try:
            text = decode(data)
        except BadDocument as e:
            counts[f"dropped ({e.reason})"] += 1
            continue
        counts["read"] += 1
        counts["largest page, characters"] = max(counts["largest page, characters"], len(text))
        counts["same as trafilatura"] += text == decode_file(data)
    return counts


@dataclass
class Recorded(Drops):
    """Drops that keep each dropped source too: ``feed.jsonl#<line>``."""

    sources: list[str] = field(default_factory=list)

    def add(self, step: str, reason: str, source: str, detail: str = "") -> None:
        super().add(step, reason, source, detail)
        self.sources.append(source)


def read_feed(lines: list[str]) -> tuple[list, Recorded, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        drops = Recorded()
        start = time.perf_counter()
        articles = list(read_paths([path], drops, clock=lambda: NOW))
        return articles, drops, time.perf_counter() - start


def measure_feed(records: list[dict], seed: int = 7) -> dict:
    """The clean feed, then the damaged one: what the reader keeps, drops and repairs."""
    clean, clean_drops, seconds = read_feed([json.dumps(r) for r in records])
    dates_kept = sum(a.published == r["published"] for a, r in zip(clean, records))
    kinds = list(DEFECTS)
    random.Random(seed).shuffle(kinds)
    damaged_lines, expected = [], []
    for i, record in enumerate(records):
        kind = kinds[i % len(kinds)]
        damage, outcome = DEFECTS[kind]
        damaged = damage(record)
        damaged_lines.append(damaged if isinstance(damaged, str) else json.dumps(damaged))
        expected.append((kind, outcome))
    try:
        articles, drops, _ = read_feed(damaged_lines)
        crashed = ""
    except Exception as e:  # noqa: BLE001 - the figure to report is whether this ever happens
        articles, drops, crashed = [], Recorded(), f"{type(e).__name__}: {e}"[:120]
    dropped_lines = {int(source.rpartition("#")[2]) for source in drops.sources if "#" in source}
    per_kind = Counter()
    for number, (kind, outcome) in enumerate(expected, start=1):
        per_kind[(kind, "total")] += 1
        per_kind[(kind, "as documented")] += (number in dropped_lines) == (outcome == "dropped")
    strings = [v for a in articles for v in (a.raw, a.source, a.title, a.url, a.outlet) if isinstance(v, str)]
    return {
        "articles": len(records), "clean read": len(clean), "clean drops": clean_drops.total,
        "clean dates kept": dates_kept, "clean seconds": seconds, "crash": crashed or "none",
        "damaged kept": len(articles), "damaged drops": drops.total,
        "unaccounted": len(records) - len(articles) - drops.total,
        "unencodable strings": sum(1 for s in strings if not _encodable(s)),
        "wrong-typed fields passed on": sum(1 for a in articles for v in (a.title, a.url, a.outlet, a.source)
                                            if not isinstance(v, str | None)),
        "implausible dates kept": sum(1 for a in articles if a.published and not "1900" <= a.published[:4] <= "2026"),
        "per kind": {kind: (per_kind[(kind, "as documented")], per_kind[(kind, "total")]) for kind in DEFECTS},
    }


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def summary(part: dict) -> dict[str, float]:
    """One part's figures as shares (1.0 is every case right) and counts of failures (0 is none), for the gate."""
    encoded = [part["encodings"][name] for name in ENCODINGS if name != "windows-1252"]  # see the report's note
    feed = part["feed"]
    return {
        "unicode read back": sum(e for e, _ in encoded) / sum(t for _, t in encoded),
        "pages read": part["pages"]["read"] / part["pages"]["pages"],
        "pages as trafilatura decodes them": part["pages"]["same as trafilatura"] / part["pages"]["pages"],
        "damaged lines as documented": sum(ok for ok, _ in feed["per kind"].values()) / feed["articles"],
        "clean dates kept": feed["clean dates kept"] / feed["articles"],
        "failures": (feed["crash"] != "none") + feed["unaccounted"] + feed["unencodable strings"]
        + feed["wrong-typed fields passed on"] + feed["implausible dates kept"],
    }


def measure(limit: int | None = None) -> dict:
    """Every figure, tuning and held-out parts apart."""
    pages = sorted(p.name.removesuffix(".html.gz") for p in (DATA / "extraction-scrapinghub" / "html").glob("*.html.gz"))
    half = len(pages) // 2
    out = {}
    for part, split, page_ids in (("tuning", "train", pages[:half]), ("held-out", "dev", pages[half:])):
        records = polnear(split, limit)
        out[part] = {
            "split": f"PolNeAR {split} ({len(records)} texts); Scrapinghub pages {page_ids[0]}…{page_ids[-1]} "
                     f"({len(page_ids)})",
            "encodings": measure_encodings([r["text"] for r in records]),
            "pages": measure_pages(page_ids[:limit]),
            "feed": measure_feed(records),
        }
    return out


def report(results: dict) -> str:
    lines = [
        "# Input readers on real news",
        "",
        f"Command: `.venv/bin/python benchmarks/sources.py --write` ({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} "
        "UTC). Data: PolNeAR train (tuning) and dev (held out), Scrapinghub extraction benchmark pages (first half "
        "of the sorted ids tuning, second half held out). See the script's docstring for what each table measures.",
        "",
        "## Encodings: texts read back exactly",
        "",
        "| encoding | " + " | ".join(results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for name in ENCODINGS:
        cells = [f"{r['encodings'][name][0]}/{r['encodings'][name][1]}" for r in results.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "## HTML pages as served", "", "| | " + " | ".join(results) + " |", "|---|" + "---:|" * len(results)]
    keys = sorted({k for r in results.values() for k in r["pages"]})
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(str(r["pages"].get(key, 0)) for r in results.values()) + " |")
    lines += ["", "## JSONL feed with real metadata, clean and damaged", "",
              "| | " + " | ".join(results) + " |", "|---|" + "---:|" * len(results)]
    feed_keys = [k for k in next(iter(results.values()))["feed"] if k != "per kind"]
    for key in feed_keys:
        cells = [f"{v:.2f}" if isinstance(v, float) else str(v) for v in (r["feed"][key] for r in results.values())]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    lines += ["", "Damaged lines handled as documented (kept with the field ignored or repaired, or dropped with "
              "its line number), per defect kind:", "", "| defect | expected | " + " | ".join(results) + " |",
              "|---|---|" + "---:|" * len(results)]
    for kind, (_, outcome) in DEFECTS.items():
        cells = [f"{r['feed']['per kind'][kind][0]}/{r['feed']['per kind'][kind][1]}" for r in results.values()]
        lines.append(f"| {kind} | {outcome} | " + " | ".join(cells) + " |")
    for part, r in results.items():
        lines.append(f"\n{part}: {r['split']}.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.relative_to(REPO)}")
    parser.add_argument("--limit", type=int, help="only the first N texts and pages of each part")
    args = parser.parse_args()
    text = report(measure(args.limit))
    print(text)
    if args.write:  # hand-written notes below the tables are kept
        existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        notes = existing[existing.find("\n## Notes"):] if "\n## Notes" in existing else ""
        RESULTS.write_text(text + notes, encoding="utf-8")


if __name__ == "__main__":
    main()
