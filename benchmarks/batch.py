"""`storyline batch` cost per article against the floor, on a synthetic crawl built from ECB+ documents.

The archive is built here in a temporary folder from ../shared/benchmarks/ecbplus (never copied into the
repository): each document becomes a simple HTML page in a WARC response record; every 10th also appears a
second time lightly reworded (a wire copy run by another outlet), so the batch has duplicates to find. The
pages are split over two WARC files, i.e. two shards.

The floor is the model work every article needs once: trafilatura on the page, one spaCy parse of the text,
one MiniLM embedding (batched, as the pipeline batches), measured in one process on one core without model
loading; its CPU time is reported beside the wall time, since the machine is often shared. The pipeline is
`BatchService` in a fresh process (model loading included): one core with one process, and two cores with
`--workers 2`; with `--ray`, also two cores on a local Ray cluster (`RayExecutor` leaves one CPU to Ray Data, so
two cores give one model-holding actor; its workers' CPU time and memory are not this process's children's, so
they are not reported). `--settings FILE` runs all with a settings TOML file (e.g. `embedding_backend = "torch"`).

    .venv/bin/python benchmarks/batch.py --articles 300 [--ray] [--settings FILE] [--write]
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


def settings_from(path: str):
    from storyline.settings import Settings, load_settings

    return load_settings(path) if path != "-" else Settings()


def floor(settings_path: str, paths: list[str]) -> dict:
    """Seconds per article of trafilatura + one spaCy parse + one embedding, models loaded beforehand."""
    import trafilatura

    from storyline.analyze import nlp as spacy_nlp
    from storyline.engine import Drops
    from storyline.group.stories import EMBED_CHARS
    from storyline.sources import read_paths
    from storyline.vectors import settings_encoder

    settings = settings_from(settings_path)
    pages = [a.raw for a in read_paths(paths, Drops())]
    nlp = spacy_nlp.load(settings.spacy_model, need=("parser", "ner"))
    encoder = settings_encoder(settings)
    encoder.encode(["warm up"])
    marks = [(time.perf_counter(), time.process_time())]
    texts = [trafilatura.extract(p) or "" for p in pages]
    marks.append((time.perf_counter(), time.process_time()))
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    marks.append((time.perf_counter(), time.process_time()))
    encoder.encode([t[:EMBED_CHARS] for t in texts])
    marks.append((time.perf_counter(), time.process_time()))
    n = len(pages)
    result = {"articles": n, "backend": settings.embedding_backend}
    for clock, prefix in ((0, ""), (1, "cpu_")):
        for name, (a, b) in zip(("extract", "parse", "embed", "total"),
                                ((0, 1), (1, 2), (2, 3), (0, 3))):
            result[prefix + name] = (marks[b][clock] - marks[a][clock]) / n
    return result


def pipeline(settings_path: str, paths: list[str], out: str, workers: int, engine: str) -> dict:
    from storyline.app import BatchService

    steps: dict[str, float] = {}

    def track(stream, name, _total):
        start = time.perf_counter()
        yield from stream
        if name != "shards":  # the shard loop holds the others
            steps[name] = steps.get(name, 0.0) + time.perf_counter() - start

    started = time.perf_counter()  # a Ray cluster's start counts, as model loading does
    settings = settings_from(settings_path).with_(workers=workers)
    executor = None
    if engine == "ray":
        from storyline.engine.ray import RayExecutor

        executor = RayExecutor(workers)
    result = BatchService(settings, executor=executor, track=track).run(paths, Path(out))
    seconds = time.perf_counter() - started
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"articles": result.read, "seconds": seconds, "duplicates": result.duplicates, "stories": result.stories,
            "steps": steps, "engine": engine, "peak_mib": peak_kib / 1024,
            "cpu": sum(u.ru_utime + u.ru_stime for u in usage)}


def run_child(prefix: list[str], *args: str) -> dict:
    out = subprocess.run([*prefix, sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if out.returncode:
        sys.exit(f"child {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300, help="ECB+ documents to use (plus ~10%% copies)")
    parser.add_argument("--settings", help="a settings TOML file for the floor and the pipeline")
    parser.add_argument("--ray", action="store_true", help="also run on a local Ray cluster (needs storyline[ray])")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/batch.md")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, settings_path, *rest = args.child
        result = floor(settings_path, rest) if kind == "floor" else pipeline(settings_path, rest[3:], rest[0],
                                                                             int(rest[1]), rest[2])
        print(json.dumps(result))
        return
    given = str(Path(args.settings).resolve()) if args.settings else "-"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in build(Path(tmp), args.articles)]
        load_before = os.getloadavg()[0]
        base = run_child(one_core, "floor", given, *paths)
        print(f"floor: {base['total'] * 1000:.0f} ms/article", file=sys.stderr)
        runs = []
        configurations = [("1 core, 1 process", one_core, 1, "local"), ("2 cores, --workers 2", [], 2, "local")]
        if args.ray:
            configurations.append(("2 cores, --engine ray --workers 2", [], 2, "ray"))
        for label, prefix, workers, engine in configurations:
            out = str(Path(tmp) / f"out-{engine}-{workers}")
            result = run_child(prefix, "pipeline", given, out, str(workers), engine, *paths)
            runs.append((label, result))
            print(f"{label}: {result['seconds']:.1f} s", file=sys.stderr)
        load_after = os.getloadavg()[0]
    n = base["articles"]
    command = " ".join(["benchmarks/batch.py", *sys.argv[1:]])
    lines = [
        (f"Batch on a synthetic WARC from ECB+ ({n} pages in 2 files), {time.strftime('%Y-%m-%d %H:%M')} UTC, "
        f"`{command}`, Python {platform.python_version()}, {os.cpu_count()} CPUs, embedding backend "
        f"`{base['backend']}`; load average {load_before:.1f} at the start, {load_after:.1f} at the end\n"),
        (f"Floor (1 core, models loaded), wall: trafilatura {base['extract'] * 1000:.0f} ms + spaCy parse "
        f"{base['parse'] * 1000:.0f} ms + embedding {base['embed'] * 1000:.0f} ms = "
        f"**{base['total'] * 1000:.0f} ms/article**; CPU: {base['cpu_extract'] * 1000:.0f} + "
        f"{base['cpu_parse'] * 1000:.0f} + {base['cpu_embed'] * 1000:.0f} = "
        f"**{base['cpu_total'] * 1000:.0f} ms/article**\n"),
        ("| configuration | articles | duplicates | stories | wall s | articles/s | ms/article | × floor | "
        "CPU s | CPU × floor CPU | per-article s | group s | dossiers s | peak RSS MiB |"),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, r in runs:
        per = r["seconds"] / r["articles"]
        s = r["steps"]
        local = r["engine"] == "local"  # Ray's workers are not this process's children: no CPU or memory of theirs
        cpu = f"{r['cpu']:.1f} | {r['cpu'] / r['articles'] / base['cpu_total']:.2f}" if local else "— | —"
        lines.append(
            f"| {label} | {r['articles']} | {r['duplicates']} | {r['stories']} | {r['seconds']:.1f} | "
            f"{r['articles'] / r['seconds']:.1f} | {per * 1000:.0f} | {per / base['total']:.2f} | {cpu} | "
            f"{s.get('articles', 0):.1f} | {s.get('group', 0):.1f} | {s.get('dossiers', 0):.1f} | "
            f"{round(r['peak_mib']) if local else '—'} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        (HERE / "results" / "batch.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
