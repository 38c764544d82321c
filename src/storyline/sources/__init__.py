"""Reading inputs into raw ``Article`` records: one ``Reader`` per input, each counting what it drops.

``read_paths`` is the entry point for files and folders; a new kind of input (a feed, an archive) is a new
``Reader`` subclass, and ``read_all`` runs any readers with the same guarantees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article
from ..engine import Drops, log
from .base import STEP, Clock, Reader, utc_now
from .files import READERS, discover, file_readers

__all__ = ["READERS", "Reader", "discover", "read_all", "read_paths"]

MAX_DETAIL_CHARS = 200  # an error message may quote a whole article; the log needs only its start


def read_paths(paths: Iterable[str | Path], drops: Drops, clock: Clock = utc_now) -> Iterator[Article]:
    """Raw articles from every supported file under ``paths``; bad files and lines are counted in ``drops``."""
    return read_all(file_readers(paths, drops, clock), drops)


def read_all(readers: Iterable[Reader], drops: Drops) -> Iterator[Article]:
    """Every reader's articles. A reader that fails unexpectedly loses only the rest of its own input."""
    repairs: Counter = Counter()
    for reader in readers:
        try:
            yield from reader.read(drops)
        except Exception as e:  # noqa: BLE001 - a bug on one input must not cost the others
            drops.add(STEP, "reader-failed", reader.shown, f"{type(e).__name__}: {e}"[:MAX_DETAIL_CHARS])
        repairs.update(reader.repairs)
    if repairs:
        log.warning("articles kept after a repair: %s", ", ".join(f"{reason} {n}" for reason, n in sorted(repairs.items())))
