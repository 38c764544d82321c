"""Ingest throughput (articles/s) and peak memory on the ECB+ documents, through the real pipeline.

Each run is a fresh process ingesting all 982 documents (given as one JSONL file) into a new SQLite database,
so model loading is included, as a user would meet it. Configurations: a single process pinned to one core
(taskset), and both cores with two extraction workers (torch and the BLAS threads use both cores anyway). Reports the median of ``--runs`` runs and per-step times.

    .venv/bin/python benchmarks/throughput.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(input_path: str, db: str, workers: int) -> None:
    from storyline.app import IngestService
    from storyline.sources import read_paths
    from storyline.engine import Drops
    from storyline.settings import Settings
    from storyline.store import Store

    steps: dict[str, float] = {}

    def track(stream, name, _total):
        start = time.perf_counter()
        for item in stream:
            yield item
        steps[name] = steps.get(name, 0.0) + time.perf_counter() - start

    started = time.perf_counter()
    settings = Settings(db_url=f"sqlite:///{db}", workers=workers)
    with Store(settings.db_url) as store:
        result = IngestService(store, settings, track=track).ingest(read_paths([input_path], Drops()))
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"articles": result.added, "seconds": elapsed, "peak_mib": peak_kib / 1024, "steps": steps}))


def write_input(folder: Path) -> Path:
    sys.path.insert(0, str(HERE))
    from ecbplus import load

    path = folder / "ecbplus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for doc in load():
            f.write(json.dumps({"text": doc.article.text, "url": doc.article.url or doc.name}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("INPUT", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], int(args.child[2]))

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    configs = [("1 core (taskset), 1 process", ["taskset", "-c", "0"], 1), ("2 cores, --workers 2", [], 2)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        data = write_input(Path(tmp))
        for label, prefix, workers in configs:
            if prefix and not shutil.which(prefix[0]):
                continue
            runs = []
            for i in range(args.runs):
                db = Path(tmp) / f"run-{workers}-{len(prefix)}-{i}.db"
                out = subprocess.run([*prefix, sys.executable, __file__, "--child", str(data), str(db), str(workers)],
                                     capture_output=True, text=True)
                if out.returncode:
                    sys.exit(f"{label}: run failed:\n{out.stderr[-3000:]}")
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            seconds = statistics.median(r["seconds"] for r in runs)
            n = runs[0]["articles"]
            steps = {k: statistics.median(r["steps"].get(k, 0.0) for r in runs) for k in runs[0]["steps"]}
            rows.append((label, n, seconds, n / seconds, max(r["peak_mib"] for r in runs), steps))
            print(f"{label}: {n} articles, median {seconds:.1f} s, {n / seconds:.1f} articles/s", file=sys.stderr)

    base = rows[0][3]
    print(f"Ingest throughput on ECB+ (982 docs), median of {args.runs} runs, {time.strftime('%Y-%m-%d')}, "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n")
    print("| configuration | articles | median s | articles/s | × 1 core | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, n, seconds, rate, peak, _ in rows:
        print(f"| {label} | {n} | {seconds:.1f} | {rate:.1f} | {rate / base:.2f} | {peak:.0f} |")
    print("\nMedian seconds per step:\n")
    names = list(rows[0][5])
    print("| configuration | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, *_, steps in rows:
        print(f"| {label} | " + " | ".join(f"{steps.get(k, 0.0):.1f}" for k in names) + " |")


if __name__ == "__main__":
    main()
