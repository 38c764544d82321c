"""Cost of one more article as the store grows, and the read path on a big store.

    python benchmarks/incremental.py --sizes 1000 20000 --new 100 --runs 3 --write

(kill -9 of the ingest, the server and the batch runner: ``benchmarks/crash.py``.)

Stores are built from a synthetic corpus made from the ECB+ texts (names swapped for invented ones, sentences
shuffled, dates spread over a year), so every article is new and stories keep forming. The models are the
stand-ins from ``tests/fakes.py`` (hashed bag of words, capitalised words as grouping keys): what is measured is
the part of the cost that can grow with the store (state reads, LSH lookups, candidate profiles, writes),
which the model passes do not; they cost the same per article whatever the store holds (see throughput.md).
Each measurement runs in a fresh process on a copy of the store; the median of ``--runs`` is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

import ecbplus  # noqa: E402
from fakes import BagOfWordsEncoder, CapitalisedWords  # noqa: E402

from storyline.model import Article, content_id  # noqa: E402

_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SYLLABLES = ["ka", "lo", "vem", "tar", "is", "dor", "an", "bel", "ru", "sen", "mo", "thi", "gar", "el", "wyn"]


def synthetic(n: int, seed: int) -> list[Article]:
    """``n`` distinct articles: ECB+ texts with invented names, shuffled sentences and spread-out dates."""
    rng = random.Random(seed)
    docs = ecbplus.load()
    out = []
    for i in range(n):
        doc = docs[i % len(docs)]
        names: dict[str, str] = {}

        def swap(m: re.Match) -> str:
            word = m.group()
            if word not in names:
                names[word] = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            return names[word]

        lines = _NAME.sub(swap, doc.article.text).splitlines()
        rng.shuffle(lines)
        text = "\n".join(lines)
        published = (date(2025, 1, 1) + timedelta(days=rng.randrange(365))).isoformat()
        out.append(Article(id=content_id(f"{seed}/{i}\n{text}"), source=f"synthetic/{seed}/{i}.txt", raw=text,
                           format="text", published=published, published_evidence="benchmark"))
    return out


def _service(db: Path, chunk_size: int = 256):
    from storyline.app import IngestService
    from storyline.settings import Settings
    from storyline.store import Store

    store = Store(f"sqlite:///{db}")
    return store, IngestService(store, Settings(db_url=store.url), encoder=BagOfWordsEncoder(),
                                analyzer=CapitalisedWords(), chunk_size=chunk_size)


def build(db: Path, articles: list[Article]) -> float:
    started = time.perf_counter()
    store, service = _service(db)
    with store:
        service.ingest(articles)
    return time.perf_counter() - started


def child_measure(db: str, new: int, seed: int) -> None:
    """In a fresh process: ingest ``new`` articles, then time the read path. Prints one JSON line."""
    from storyline.app import Queries

    articles = synthetic(new, seed)
    store, service = _service(Path(db))
    with store:
        before = set(store.dirty())
        started = time.perf_counter()
        result = service.ingest(articles, refresh=False)
        ingest_s = time.perf_counter() - started
        touched = sorted(set(store.dirty()) - before | set(result.stories_updated))
        started = time.perf_counter()
        service.refresh_dirty(touched)
        dossier_s = time.perf_counter() - started
        queries = Queries(store)
        started = time.perf_counter()
        page = queries.stories(limit=50)
        stories_s = time.perf_counter() - started
        started = time.perf_counter()
        queries.story_view(page.items[0].id)
        show_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"added": result.added, "per_article_ms": 1000 * ingest_s / max(result.added, 1),
                      "dossier_ms": 1000 * dossier_s / max(result.added, 1),
                      "stories_s": stories_s, "show_s": show_s, "peak_mib": peak}))


def measure(db: Path, new: int, runs: int) -> dict:
    results = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "copy.db"
            shutil.copy(db, copy)
            out = subprocess.run([sys.executable, __file__, "--child", str(copy), str(new), str(1000 + run)],
                                 capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def growth(sizes: list[int], new: int, runs: int, folder: Path) -> list[str]:
    articles = synthetic(max(sizes), seed=1)
    rows, built, base = [], 0, None
    db = folder / "grow.db"
    for size in sorted(sizes):
        seconds = build(db, articles[built:size])
        built = size
        m = measure(db, new, runs)
        base = base or m["per_article_ms"]
        rows.append(f"| {size:,} | {seconds:.0f} | {m['per_article_ms']:.1f} | {m['per_article_ms'] / base:.2f} | "
                    f"{m['dossier_ms']:.1f} | "
                    f"{m['peak_mib']:.0f} | {m['stories_s']:.3f} | {m['show_s']:.3f} |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child_measure(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/incremental.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.sizes:
            rows = growth(args.sizes, args.new, args.runs, Path(tmp))
            table = ["| articles stored | build s | ms per new article (read→committed) | ratio to first | "
                     "dossier ms per new article | peak RSS MiB | `stories` page s | `show` s |",
                     "|---:|---:|---:|---:|---:|---:|---:|---:|", *rows]
            _write(args.write, "incremental.md", f"`python benchmarks/incremental.py --sizes "
                   f"{' '.join(map(str, args.sizes))} --new {args.new} --runs {args.runs} --write`", table)


def _write(write: bool, name: str, command: str, table: list[str]) -> None:
    text = "\n".join([f"Command: {command}", "", *table, ""])
    print(text)
    if write:
        (HERE / "results" / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
