"""`storyline batch --stages group` (extraction, cleaning, metadata, dedup, story grouping; no spaCy, MiniLM,
facts or dossiers): throughput on the synthetic ECB+ crawl, and cost growth from 1k to 100k articles.

    .venv/bin/python benchmarks/fastpath.py throughput [--articles 982]
    .venv/bin/python benchmarks/fastpath.py growth [--sizes 1000 10000 100000] [--workers 2]

throughput: the WARC files of benchmarks/batch.py (``build``: every ECB+ document as an HTML page, a reworded wire
copy of every 10th, two files) in a temporary folder; ``BatchService`` in a fresh process on one core (pinned,
one process) and on two (``--workers 2``), process start and imports included; wall and CPU time (the process
and its workers), peak RSS (the largest of the process and of its workers), and the time of the single-process
global phase (dedup + grouping).

growth: the first N articles of ``benchmarks/incremental.stream`` (ECB+ texts with names, places and dates
varied; 40 a day, stories running for days, 5 % copies, 5 % undated) written as JSONL under /tmp (one file per
10,000 articles, so shards as a crawl would give), then the same fresh-process run; per-article wall and CPU
time and peak RSS per size. Nothing is written into the repository; paste the printed tables into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(paths: list[str], out: str, workers: int) -> dict:
    """One batch run in this (fresh) process; returns its measurements."""
    import logging

    from storyline.app import BatchService
    from storyline.settings import Settings

    logging.disable(logging.WARNING)  # the skipped pages are counted in the result; no per-page lines
    phases: dict[str, float] = {}

    def track(stream, name, _total):
        start, cpu = time.perf_counter(), time.process_time()
        yield from stream
        if name == "group":  # the global phase runs in this process: its CPU time is this process's
            phases["group"] = phases.get("group", 0.0) + time.perf_counter() - start
            phases["group_cpu"] = phases.get("group_cpu", 0.0) + time.process_time() - cpu

    started = time.perf_counter()
    result = BatchService(Settings(stages="group", workers=workers), track=track).run(paths, Path(out))
    seconds = time.perf_counter() - started
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return {"read": result.read, "articles": result.articles, "duplicates": result.duplicates,
            "stories": result.stories, "skipped": result.drops.total, "seconds": seconds,
            "cpu": sum(u.ru_utime + u.ru_stime for u in usage), "group": phases.get("group", 0.0),
            "group_cpu": phases.get("group_cpu", 0.0),
            "peak_mib": max(u.ru_maxrss for u in usage) / 1024}


def run_child(prefix: list[str], paths: list[str], out: str, workers: int) -> dict:
    args = [*prefix, sys.executable, __file__, "child", "--out", out, "--workers", str(workers), *paths]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_stream(folder: Path, n: int, per_file: int = 10_000) -> list[str]:
    from incremental import stream

    folder.mkdir(parents=True, exist_ok=True)
    paths, articles = [], stream()
    for number in range(0, n, per_file):
        path = folder / f"stream-{number // per_file:03d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for article in islice(articles, min(per_file, n - number)):
                f.write(json.dumps({"text": article.raw, "published": article.published,
                                    "url": f"https://synthetic.example/{article.source}"}) + "\n")
        paths.append(str(path))
    return paths


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5-min {five:.1f})"


def throughput(n: int) -> None:
    from batch import build

    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    print(f"load average at the start {load()}", file=sys.stderr)
    lines = [("| configuration | pages | articles | copies | stories | wall s | articles/s | CPU s | CPU ms/page "
              "| global phase wall s / CPU s | peak RSS MiB |"), "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in build(Path(tmp), n)]
        for label, prefix, workers in (("1 core, 1 process", one_core, 1), ("2 cores, --workers 2", [], 2)):
            r = run_child(prefix, paths, str(Path(tmp) / f"out-{workers}"), workers)
            lines.append(f"| {label} | {r['read']} | {r['articles']} | {r['duplicates']} | {r['stories']} | "
                         f"{r['seconds']:.1f} | **{r['read'] / r['seconds']:.0f}** | {r['cpu']:.1f} | "
                         f"{1000 * r['cpu'] / r['read']:.1f} | {r['group']:.1f} / {r['group_cpu']:.1f} | {r['peak_mib']:.0f} |")
            print(lines[-1], file=sys.stderr)
    print(f"load average at the end {load()}", file=sys.stderr)
    print("\n".join(lines))


def growth(sizes: list[int], workers: int) -> None:
    lines = [("| articles | stories | copies | wall s | wall ms/article | CPU ms/article | global phase CPU ms/article "
              "| peak RSS MiB | wall per article / first size's |"), "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    base = None
    folder = Path(tempfile.gettempdir()) / "storyline-fastpath-growth"
    for n in sizes:
        inputs = folder / f"in-{n}"
        if not inputs.exists():  # the corpus is kept between runs: writing 100k articles takes minutes
            paths = write_stream(inputs.with_suffix(".tmp"), n)
            inputs.with_suffix(".tmp").rename(inputs)
        paths = sorted(str(p) for p in inputs.glob("*.jsonl"))
        out = folder / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        print(f"{n}: load average at the start {load()}", file=sys.stderr)
        r = run_child([], paths, str(out), workers)
        per = r["seconds"] / r["read"]
        base = base or per
        lines.append(f"| {r['read']:,} | {r['stories']:,} | {r['duplicates']:,} | {r['seconds']:.1f} | "
                     f"{1000 * per:.2f} | {1000 * r['cpu'] / r['read']:.2f} | {1000 * r['group_cpu'] / r['read']:.2f} | "
                     f"{r['peak_mib']:.0f} | {per / base:.2f} |")
        print(lines[-1], f"load average at the end {load()}", file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--articles", type=int, default=982, help="ECB+ documents (plus ~10%% copies)")
    g = sub.add_parser("growth")
    g.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    g.add_argument("--workers", type=int, default=2)
    c = sub.add_parser("child")
    c.add_argument("--out", required=True)
    c.add_argument("--workers", type=int, required=True)
    c.add_argument("paths", nargs="+")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.command == "child":
        print(json.dumps(child(args.paths, args.out, args.workers)))
    elif args.command == "throughput":
        throughput(args.articles)
    else:
        growth(args.sizes, args.workers)


if __name__ == "__main__":
    main()
