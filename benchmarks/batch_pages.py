"""`storyline batch` throughput on real-length pages: the 181 Scrapinghub HTML pages, repeated with light rewording.

The crawl is built here in a temporary folder from ../shared/benchmarks/extraction-scrapinghub (never copied
into the repository): copy k of each page replaces a few common words in its HTML (a different set per copy, so
each copy is a different text, as when outlets run one wire story), under its own URL, until ``--articles``
pages; they are split over two WARC files, i.e. two shards. The pipeline runs as in benchmarks/batch.py (its
``pipeline`` child: `BatchService` in a fresh process, model loading included, ``--workers`` processes); the
floor (trafilatura + one spaCy parse + one embedding per page, models loaded, one core) is measured on the 181
originals.

    .venv/bin/python benchmarks/batch_pages.py --articles 2000 [--workers 2] [--write]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch import run_child  # the benchmarks folder is on the path, not a package
from ecbplus import benchmarks_dir

# (old, new) word pairs; copy k applies the k-th window of them, each to its first few occurrences
SWAPS = ((" said ", " stated "), (" the ", " this "), (" people ", " residents "), (" new ", " fresh "),
         (" also ", " too "), (" year ", " twelvemonth "), (" many ", " numerous "), (" after ", " following "),
         (" but ", " yet "), (" will ", " shall "))


def reworded(html: bytes, copy: int) -> bytes:
    text = html.decode("utf-8", "replace")
    for old, new in (SWAPS[(copy + j) % len(SWAPS)] for j in range(3)):
        text = text.replace(old, new, 2 + copy % 3)
    return text.encode()


def response(html: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html


def build(folder: Path, n: int) -> tuple[list[Path], Path]:
    from storyline.sources.warc import write_warc

    source = benchmarks_dir() / "extraction-scrapinghub" / "html"
    pages = [(p.name.split(".")[0], gzip.decompress(p.read_bytes())) for p in sorted(source.glob("*.html.gz"))]
    records = []
    for i in range(n):
        copy, (page_id, html) = divmod(i, len(pages))[0], pages[i % len(pages)]
        body = html if copy == 0 else reworded(html, copy)
        records.append((f"https://pages.example/{page_id}/{copy}", "2026-01-05T10:00:00Z", response(body)))
    originals = folder / "originals.warc.gz"
    write_warc(originals, [(f"https://pages.example/{pid}", "2026-01-05T10:00:00Z", response(h)) for pid, h in pages])
    half = len(records) // 2
    paths = [folder / "pages-1.warc.gz", folder / "pages-2.warc.gz"]
    write_warc(paths[0], records[:half])
    write_warc(paths[1], records[half:])
    return paths, originals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000, help="pages in the crawl (181 originals, then copies)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/batch_pages.md")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    one_core = ["taskset", "-c", "0"]
    with tempfile.TemporaryDirectory() as tmp:
        paths, originals = build(Path(tmp), args.articles)
        load_before = os.getloadavg()[0]
        base = run_child(one_core, "floor", "-", str(originals))
        r = run_child([], "pipeline", "-", str(Path(tmp) / "out"), str(args.workers), "local", *map(str, paths))
        load_after = os.getloadavg()[0]
    n, s = r["articles"], r["steps"]
    command = " ".join(["benchmarks/batch_pages.py", *sys.argv[1:]])
    text = "\n".join([
        (f"Batch on real-length pages (Scrapinghub, {n} pages from 181 originals in 2 WARC files), "
         f"{time.strftime('%Y-%m-%d %H:%M')} UTC, `{command}`, {os.cpu_count()} CPUs; load average "
         f"{load_before:.1f} at the start, {load_after:.1f} at the end\n"),
        (f"Floor on the 181 originals (1 core, models loaded), CPU: trafilatura {base['cpu_extract'] * 1000:.0f} + "
         f"spaCy parse {base['cpu_parse'] * 1000:.0f} + embedding {base['cpu_embed'] * 1000:.0f} = "
         f"**{base['cpu_total'] * 1000:.0f} ms/article** (wall {base['total'] * 1000:.0f})\n"),
        ("| workers | pages | copies found | stories | wall s | articles/s | CPU s | CPU ms/article | CPU × floor CPU "
         "| per-article s | group s | dossiers s | peak RSS MiB |"),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        (f"| {args.workers} | {n} | {r['duplicates']} | {r['stories']} | {r['seconds']:.1f} | "
         f"{n / r['seconds']:.1f} | {r['cpu']:.1f} | {r['cpu'] / n * 1000:.0f} | "
         f"{r['cpu'] / n / base['cpu_total']:.2f} | {s.get('articles', 0):.1f} | {s.get('group', 0):.1f} | "
         f"{s.get('dossiers', 0):.1f} | {round(r['peak_mib'])} |"),
    ]) + "\n"
    print(text)
    if args.write:
        (HERE / "results" / "batch_pages.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
