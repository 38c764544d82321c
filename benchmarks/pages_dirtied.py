"""Where one ingest's writes go: the pages that 100 new articles dirty in a store, per table and index.

    python benchmarks/pages_dirtied.py STORE.db [--new 100]

On a copy of ``STORE.db`` (built by ``incremental.py --stores``), with SQLite's automatic checkpoints off, the
next ``--new`` articles of the synthetic stream are ingested (stand-in models); every page the commit wrote is
then a frame in the WAL. The frames' page numbers are mapped to their table or index by ``dbstat``, and the
checkpoint that copies them into the database (``wal_checkpoint(TRUNCATE)``) is timed. Each dirtied page is
written twice (WAL, then database file) whenever the checkpoint runs, so pages per article is the write cost.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import struct
import tempfile
import time
from collections import Counter
from itertools import islice
from pathlib import Path

from sqlalchemy import event, func, select

import incremental  # noqa: I001 - sets sys.path for the stand-in models
from storyline.store.schema import articles


def wal_pages(wal: Path) -> list[int]:
    """The page number of every frame in a WAL file (a 32-byte header, then 24-byte frame headers + pages)."""
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    return [struct.unpack(">I", data[at : at + 4])[0] for at in range(32, len(data) - 24 - page_size + 1, 24 + page_size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.db"
        shutil.copy(args.store, db)
        store, service = incremental._service(db)
        event.listen(store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA wal_autocheckpoint=0"))
        store.engine.dispose()  # the pooled connection was opened before the listener
        with store:
            with store.reading() as conn:
                stored = conn.scalar(select(func.count()).select_from(articles))
            new = list(islice(incremental.stream(start=stored), args.new))
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            started = time.perf_counter()
            service.ingest(new, refresh=False)
            ingest_s = time.perf_counter() - started
            pages = set(wal_pages(Path(f"{db}-wal")))
            started = time.perf_counter()
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            checkpoint_s = time.perf_counter() - started
        with sqlite3.connect(db) as conn:
            owner = dict(conn.execute("SELECT pageno, name FROM dbstat"))
        sizes = Counter(owner.values())
        dirtied = Counter(owner.get(page, "(freelist)") for page in pages)
    print(f"{stored:,} articles stored, {args.new} added: {len(pages)} pages dirtied "
          f"({len(pages) / args.new:.1f} per article); ingest {ingest_s:.2f} s, checkpoint {checkpoint_s:.2f} s")
    print("| table or index | pages dirtied | of pages |\n|---|---:|---:|")
    for name, count in dirtied.most_common():
        print(f"| {name} | {count} | {sizes.get(name, 0)} |")


if __name__ == "__main__":
    main()
