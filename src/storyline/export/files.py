"""Output files written whole or not at all: each is written beside its final name (``name.tmp``) and renamed
into place, so a reader, or the run after a kill -9, never finds half a file under the final name."""

from __future__ import annotations

import os
from pathlib import Path


def temporary(path: Path) -> Path:
    """Where ``path`` is written before it is put in place (a later write of ``path`` reuses it)."""
    return path.with_name(path.name + ".tmp")


def replace_atomically(tmp: Path, final: Path) -> None:
    """Move a finished file into place; rename is atomic on one file system, and the data is on disk first."""
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)


def write_text(path: Path, text: str, errors: str = "strict") -> None:
    """UTF-8 ``text`` into ``path``; ``errors`` says what becomes of lone surrogates kept from undecodable input."""
    tmp = temporary(path)
    tmp.write_text(text, encoding="utf-8", errors=errors)
    replace_atomically(tmp, path)
