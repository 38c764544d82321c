"""`storyline batch` cost per article against the floor, on a synthetic crawl built from ECB+ documents.

The archive is built here in a temporary folder from ../shared/benchmarks/ecbplus (never copied into the
repository): each document becomes a simple HTML page in a WARC response record; every 10th also appears a
second time lightly reworded (a wire copy run by another outlet), so the batch has duplicates to find. The
pages are split over two WARC files, i.e. two shards.

The floor is the model work every article needs once: trafilatura on the page, one spaCy parse of the text,
one MiniLM embedding (batched, as the pipeline batches), measured in one process on one core without model
loading. The pipeline is `BatchService` in a fresh process (model loading included): one core with one
process, and two cores with `--workers 2`; with `--ray`, also two cores on a local Ray cluster (`ray.init` with
the machine's CPUs; `RayExecutor` leaves one CPU to Ray Data, so two cores give one model-holding actor).

    .venv/bin/python benchmarks/batch.py --articles 300 [--ray]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
REWORDINGS = (("said", "stated"), ("announced", "declared"), ("police", "officers"))


def reworded(text: str) -> str:
    for old, new in REWORDINGS:
        text = text.replace(old, new, 1)
    return text + "\nThis report was distributed by a wire service."


def page(title: str, lines: list[str]) -> bytes:
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()


def build(folder: Path, n: int) -> list[Path]:
    sys.path.insert(0, str(HERE))
    from ecbplus import load

    from storyline.sources.warc import write_warc

    docs = load()
    step = max(1, len(docs) // n)
    chosen = docs[::step][:n]
    records = []
    for i, doc in enumerate(chosen):
        lines = doc.article.text.splitlines()
        title, body = lines[0][:120], lines[1:] or lines
        url = doc.article.url or f"https://ecb.example/{doc.name}"
        records.append((url, "2026-01-05T10:00:00Z", page(title, body)))
        if i % 10 == 0:
            records.append((url + "?wire", "2026-01-05T11:00:00Z", page(title, reworded("\n".join(body)).splitlines())))
    half = len(records) // 2
    paths = [folder / "crawl-1.warc.gz", folder / "crawl-2.warc.gz"]
    write_warc(paths[0], records[:half])
    write_warc(paths[1], records[half:])
    return paths


def floor(paths: list[str]) -> dict:
    """Seconds per article of trafilatura + one spaCy parse + one embedding, models loaded beforehand."""
    import trafilatura

    from storyline.analyze import nlp as spacy_nlp
    from storyline.engine import Drops
    from storyline.settings import Settings
    from storyline.sources import read_paths
    from storyline.vectors import Encoder

    settings = Settings()
    pages = [a.raw for a in read_paths(paths, Drops())]
    nlp = spacy_nlp.load(settings.spacy_model, need=("parser", "ner"))
    encoder = Encoder(settings.embedding_model)
    encoder.encode(["warm up"])
    started = time.perf_counter()
    texts = [trafilatura.extract(p) or "" for p in pages]
    extracted = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    parsed = time.perf_counter()
    encoder.encode([t[:2000] for t in texts])
    embedded = time.perf_counter()
    n = len(pages)
    return {"articles": n, "extract": (extracted - started) / n, "parse": (parsed - extracted) / n,
            "embed": (embedded - parsed) / n, "total": (embedded - started) / n}


def pipeline(paths: list[str], out: str, workers: int, engine: str) -> dict:
    from storyline.app import BatchService
    from storyline.settings import Settings

    steps: dict[str, float] = {}

    def track(stream, name, _total):
        start = time.perf_counter()
        yield from stream
        if name != "shards":  # the shard loop holds the others
            steps[name] = steps.get(name, 0.0) + time.perf_counter() - start

    started = time.perf_counter()  # a Ray cluster's start counts, as model loading does
    executor = None
    if engine == "ray":
        from storyline.engine.ray import RayExecutor

        executor = RayExecutor(workers)
    result = BatchService(Settings(workers=workers), executor=executor, track=track).run(paths, Path(out))
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # Ray's worker processes are not this process's waited-for children: their memory is not in ru_maxrss
    peak_mib = peak_kib / 1024 if engine == "local" else None
    return {"articles": result.read, "seconds": seconds, "duplicates": result.duplicates, "stories": result.stories,
            "steps": steps, "peak_mib": peak_mib}


def run_child(prefix: list[str], *args: str) -> dict:
    out = subprocess.run([*prefix, sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if out.returncode:
        sys.exit(f"child {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300, help="ECB+ documents to use (plus ~10%% copies)")
    parser.add_argument("--ray", action="store_true", help="also run on a local Ray cluster (needs storyline[ray])")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = floor(rest) if kind == "floor" else pipeline(rest[3:], rest[0], int(rest[1]), rest[2])
        print(json.dumps(result))
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in build(Path(tmp), args.articles)]
        base = run_child(one_core, "floor", *paths)
        print(f"floor: {base['total'] * 1000:.0f} ms/article", file=sys.stderr)
        runs = []
        configurations = [("1 core, 1 process", one_core, 1, "local"), ("2 cores, --workers 2", [], 2, "local")]
        if args.ray:
            configurations.append(("2 cores, --engine ray --workers 2", [], 2, "ray"))
        for label, prefix, workers, engine in configurations:
            out = str(Path(tmp) / f"out-{engine}-{workers}")
            result = run_child(prefix, "pipeline", out, str(workers), engine, *paths)
            runs.append((label, result))
            print(f"{label}: {result['seconds']:.1f} s", file=sys.stderr)
    n = base["articles"]
    print(f"Batch on a synthetic WARC from ECB+ ({n} pages in 2 files), {time.strftime('%Y-%m-%d')}, "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n")
    print(f"Floor (1 core, models loaded): trafilatura {base['extract'] * 1000:.0f} ms + spaCy parse "
          f"{base['parse'] * 1000:.0f} ms + embedding {base['embed'] * 1000:.0f} ms = "
          f"**{base['total'] * 1000:.0f} ms/article**\n")
    print("| configuration | articles | duplicates | stories | wall s | articles/s | ms/article | × floor | "
          "per-article s | group s | dossiers s | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in runs:
        per = r["seconds"] / r["articles"]
        s = r["steps"]
        print(f"| {label} | {r['articles']} | {r['duplicates']} | {r['stories']} | {r['seconds']:.1f} | "
              f"{r['articles'] / r['seconds']:.1f} | {per * 1000:.0f} | {per / base['total']:.2f} | "
              f"{s.get('articles', 0):.1f} | {s.get('group', 0):.1f} | {s.get('dossiers', 0):.1f} | "
              f"{'not measured' if r['peak_mib'] is None else round(r['peak_mib'])} |")


if __name__ == "__main__":
    main()
