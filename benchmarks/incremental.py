"""Cost of one more article as the store grows, and the read path on a big store.

    python benchmarks/incremental.py --sizes 1000 10000 20000 --new 100 --runs 3 --stores DIR --write

(kill -9 of the ingest, the server and the batch runner: ``benchmarks/crash.py``.)

The corpus models a news stream (:func:`stream`): 40 articles a day; each article belongs to a story that is
running that day; a fifth of the articles open a new story, which runs for a few days (1 + an exponential
with mean 3) and then goes quiet for good. A story takes the texts of one ECB+ sub-topic, with its own invented
names and its own replacement for three in ten longer words (so two stories made from the same sub-topic are
different stories, as two fires in two towns are, and not near-copies), its sentences shuffled and some left
out. 5 % of the articles are syndicated copies of an earlier article of their story (last sentence cut), 5 %
are undated. A store of N articles holds the first N of the stream; the articles measured are the next ones,
so they are news to it, as in real use. The models are the stand-ins from ``tests/fakes.py`` (hashed bag of
words, capitalised words as grouping keys): what is measured is the part of the cost that can grow with the
store (state reads, LSH lookups, candidate profiles, writes), which the model passes do not; they cost the same
per article whatever the store holds (see throughput.md). Stores are built in chunks of 2,000 (the build is not
what is measured) and kept in ``--stores`` to be re-used by later runs (a store built by an older version is
brought to the current schema once, by its migrations, before the rounds); each measurement runs in a fresh
process on a copy of the store, the sizes turn about (reversed every other round), and the median of ``--runs``
rounds is reported. What is timed ends with a ``wal_checkpoint(TRUNCATE)``: copying the pages the ingest dirtied
into the database file is part of its cost, whenever SQLite would have done it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

import ecbplus  # noqa: E402
from fakes import BagOfWordsEncoder, CapitalisedWords  # noqa: E402

from storyline.model import Article, content_id  # noqa: E402

PER_DAY = 40
NEW_STORY = 0.2  # share of articles that open a story
STORY_DAYS = 3.0  # mean of the exponential part of a story's run
COPIES = 0.05
UNDATED = 0.05
BUILD_CHUNK = 2000
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_WORD = re.compile(r"\b[a-z]{5,}\b")
_SYLLABLES = ["ka", "lo", "vem", "tar", "is", "dor", "an", "bel", "ru", "sen", "mo", "thi", "gar", "el", "wyn"]


@dataclass
class _Story:
    number: int
    texts: list[str]  # the ECB+ sub-topic's documents
    ends: int  # last day index on which it runs
    last: tuple[int, int] | None = None  # (position, day) of its latest original article, for copies


def _invented(story: int, word: str) -> str:
    """The word a story uses instead of ``word``: a pure function, so any article can be made on its own."""
    digest = hashlib.blake2b(f"{story}:{word}".encode(), digest_size=8).digest()
    syllables = "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[: 2 + digest[7] % 2])
    return syllables.capitalize() if word[0].isupper() else syllables


def _text(seed: int, position: int, story: _Story) -> str:
    rng = random.Random(f"{seed}/{position}")
    doc = rng.choice(story.texts)
    doc = _NAME.sub(lambda m: _invented(story.number, m.group()), doc)
    doc = _WORD.sub(lambda m: _invented(story.number, m.group())
                    if hashlib.blake2b(f"{story.number}/{m.group()}".encode(), digest_size=1).digest()[0] < 77
                    else m.group(), doc)
    lines = doc.splitlines()
    rng.shuffle(lines)
    return "\n".join(lines[: max(3, round(len(lines) * rng.uniform(0.7, 1.0)))])


def stream(seed: int = 1, start: int = 0) -> Iterator[Article]:
    """The articles of the synthetic news stream from position ``start`` on (see the module's docstring).

    Skipping to ``start`` only replays the schedule (which story, which day); texts are made for the articles
    yielded, each from its position alone."""
    subtopics: dict[str, list[str]] = {}
    for doc in ecbplus.load():  # texts long enough to stay articles with a sentence cut (a copy) or left out
        if len(doc.article.text.splitlines()) >= 5 and len(doc.article.text.split()) >= 80:
            subtopics.setdefault(doc.subtopic, []).append(doc.article.text)
    keys = sorted(subtopics)
    rng = random.Random(seed)
    running: list[_Story] = []
    stories = position = 0
    for day_index in range(10**9):
        day = (date(2025, 1, 1) + timedelta(days=day_index)).isoformat()
        running = [s for s in running if s.ends >= day_index]
        for _ in range(PER_DAY):
            if not running or rng.random() < NEW_STORY:
                stories += 1
                ends = day_index + int(rng.expovariate(1 / STORY_DAYS))
                running.append(_Story(stories, subtopics[rng.choice(keys)], ends))
            story = rng.choice(running)
            copy_of = story.last if story.last is not None and rng.random() < COPIES else None
            undated = rng.random() < UNDATED
            if copy_of is None:
                story.last = (position, day_index)
            if position >= start:
                if copy_of is not None:  # the wire text, its last sentence cut by the outlet
                    text = "\n".join(_text(seed, copy_of[0], story).splitlines()[:-1])
                else:
                    text = _text(seed, position, story)
                yield Article(id=content_id(f"{seed}/{position}\n{text}"), source=f"synthetic/{seed}/{position}.txt",
                              raw=text, format="text", published=None if undated else day,
                              published_evidence=None if undated else "benchmark")
            position += 1


def _service(db: Path, chunk_size: int = 256):
    from storyline.app import IngestService
    from storyline.settings import Settings
    from storyline.store import Store

    store = Store(f"sqlite:///{db}")
    return store, IngestService(store, Settings(db_url=store.url), encoder=BagOfWordsEncoder(),
                                analyzer=CapitalisedWords(), chunk_size=chunk_size)


def build(db: Path, articles: list[Article]) -> float:
    started = time.perf_counter()
    store, service = _service(db, chunk_size=BUILD_CHUNK)
    with store:
        service.ingest(articles)
    return time.perf_counter() - started


def child_measure(db: str, new: int) -> None:
    """In a fresh process: ingest the ``new`` articles that follow the store's in the stream, then time the read
    path. Prints one JSON line."""
    from sqlalchemy import func, select

    from storyline.app import Queries
    from storyline.store.schema import articles as stored

    store, service = _service(Path(db))
    with store:
        with store.reading() as conn:
            articles = list(islice(stream(start=conn.scalar(select(func.count()).select_from(stored))), new))
        before = set(store.dirty())
        cpu = _cpu_s()
        started = time.perf_counter()
        result = service.ingest(articles, refresh=False)
        checkpoint = time.perf_counter()
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        ingest_s = time.perf_counter() - started
        cpu = _cpu_s() - cpu
        checkpoint_s = time.perf_counter() - checkpoint
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
    print(json.dumps({"added": result.added, "per_article_ms": 1000 * ingest_s / max(result.added, 1),
                      "cpu_ms": 1000 * cpu / max(result.added, 1),
                      "checkpoint_ms": 1000 * checkpoint_s / max(result.added, 1), "load": os.getloadavg()[0],
                      "dossier_ms": 1000 * dossier_s / max(result.added, 1),
                      "stories_s": stories_s, "show_s": show_s, "peak_mib": _peak_mib()}))


def _cpu_s() -> float:
    """This process's user + system CPU time: what the work costs, less disturbed by the shared machine's load
    than wall time (which also counts waiting for a core)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mib() -> float:
    """This process's peak RSS. Not ``ru_maxrss``: Linux carries it across exec, and subprocess starts the child
    with vfork, so it would report the parent's peak (the benchmark holding the whole corpus) when larger."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_once(db: Path, new: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy(db, copy)
        # A store in use has its pages on disk; a fresh copy's pages wait in the page cache, and the first
        # checkpoint's fsync would write the whole copy (a cost growing with the store that no user pays).
        with open(copy, "rb+") as f:
            os.fsync(f.fileno())
        out = subprocess.run([sys.executable, __file__, "--child", str(copy), str(new)],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def stores_of(sizes: list[int], folder: Path) -> dict[int, tuple[Path, str]]:
    """The store of each size in ``folder`` (each the stream's prefix, one extending the other), built where
    missing, with its build time in seconds ("kept" when re-used); all at the current schema."""
    from storyline.store import Store

    stores: dict[int, tuple[Path, str]] = {}
    missing = [size for size in sorted(sizes) if not (folder / f"{size}.db").exists()]
    if missing:
        articles = list(islice(stream(), max(missing)))
        db = folder / "grow.db"
        built = max([size for size in sizes if size < missing[0] and (folder / f"{size}.db").exists()], default=0)
        db.unlink(missing_ok=True)
        if built:  # extend the largest smaller store kept
            shutil.copy(folder / f"{built}.db", db)
        for size in missing:
            seconds = build(db, articles[built:size])
            built = size
            shutil.copy(db, folder / f"{size}.db")
            stores[size] = (folder / f"{size}.db", f"{seconds:.0f}")
    for size in sorted(sizes):
        if size not in stores:
            Store(f"sqlite:///{folder / f'{size}.db'}").close()  # migrated once here, not in every round
            stores[size] = (folder / f"{size}.db", "kept")
    return stores


def growth(sizes: list[int], new: int, runs: int, folder: Path, report) -> None:
    """Measure the stores of ``sizes`` turn about, ``runs`` rounds, so drift in the shared machine's load hits
    every size alike; ``report(rows)`` after each round, with the medians so far."""
    stores = stores_of(sizes, folder)
    results: dict[int, list[dict]] = {size: [] for size in sorted(stores)}
    for round_ in range(runs):
        for size in sorted(stores, reverse=bool(round_ % 2)):
            results[size].append(measure_once(stores[size][0], new))
            print(size, json.dumps(results[size][-1]), file=sys.stderr, flush=True)
        rows, base, cpu_base = [], None, None
        for size, found in results.items():
            m = {key: statistics.median(r[key] for r in found) for key in found[0]}
            base = base or m["per_article_ms"]
            loads = "/".join(f"{r['load']:.1f}" for r in found)
            cpu_base = cpu_base or m["cpu_ms"]
            rows.append(f"| {size:,} | {stores[size][1]} | {m['per_article_ms']:.1f} | "
                        f"{m['per_article_ms'] / base:.2f} | {m['cpu_ms']:.1f} | {m['cpu_ms'] / cpu_base:.2f} | "
                        f"{m['checkpoint_ms']:.1f} | {m['dossier_ms']:.1f} | "
                        f"{m['peak_mib']:.0f} | {m['stories_s']:.3f} | {m['show_s']:.3f} | {loads} |")
        report(rows)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child_measure(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stores", type=Path, help="folder keeping the built stores for later runs")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/incremental.md")
    args = parser.parse_args()
    if not args.sizes:
        return
    command = (f"`python benchmarks/incremental.py --sizes {' '.join(map(str, args.sizes))} --new {args.new} "
               f"--runs {args.runs}{' --stores DIR' if args.stores else ''} --write`")
    header = [("| articles stored | build s | ms per new article (read→committed→checkpointed) | ratio to first | "
               "CPU ms per new article (user+system) | CPU ratio to first | of which checkpoint ms | dossier ms per new article | peak RSS MiB | `stories` page s | `show` s | "
               "load average per round |"),
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.stores or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        growth(args.sizes, args.new, args.runs, folder,
               lambda rows: _write(args.write, "incremental.md", command, [*header, *rows]))


def _write(write: bool, name: str, command: str, table: list[str]) -> None:
    text = "\n".join([f"Command: {command}", "", *table, ""])
    print(text)
    if write:
        (HERE / "results" / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
