"""Files and folders → readers: ``.txt`` and ``.html``/``.htm`` here, ``.jsonl`` and ``.warc(.gz)`` in their modules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, Format
from ..exceptions import BadDocument
from ..engine import Drops
from .base import STEP, Clock, Reader, read_bytes, utc_now
from .decode import decode
from .jsonl import JsonlReader
from .warc import WarcReader


def shown_path(given: str | Path) -> Path:
    """The path as the user gave it, for sources and messages: a relative (or ``~``) path stays as typed; an
    absolute one becomes relative to the working directory when inside it, else starts at its own name, so no
    source shows the layout of the machine that ran the import."""
    path = Path(given)
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except (ValueError, OSError):
        return Path(path.name)


class FileReader(Reader):
    """One file that is one article: its ``source`` is the shown path."""

    format: Format

    def __init__(self, path: Path, shown: str, clock: Clock = utc_now) -> None:
        super().__init__(shown, clock)
        self.path = path

    def read(self, drops: Drops) -> Iterator[Article]:
        try:
            text = decode(read_bytes(self.path))
        except BadDocument as e:
            drops.add(STEP, e.reason, self.shown, e.detail)
            return
        yield self.article(text, self.format, self.shown)


class TextFile(FileReader):
    name = format = "text"


class HtmlFile(FileReader):
    name = format = "html"


READERS: dict[str, type[Reader]] = {".txt": TextFile, ".html": HtmlFile, ".htm": HtmlFile, ".jsonl": JsonlReader,
                                    ".warc": WarcReader, ".warc.gz": WarcReader}
# a new file format plugs in here: a Reader taking (path, shown path, clock)


def reader_for(path: Path) -> type[Reader] | None:
    """The reader for ``path`` by its ending, the longest that fits (``.warc.gz`` is more than its ``.gz``)."""
    name = path.name.lower()
    return next((READERS[end] for end in sorted(READERS, key=len, reverse=True) if name.endswith(end)), None)


def discover(paths: Iterable[str | Path], drops: Drops) -> Iterator[tuple[Path, str]]:
    """``(path, shown path)`` of supported files under ``paths`` (recursively, sorted, hidden files skipped)."""
    for given in paths:
        try:
            yield from _discover(Path(given).expanduser(), shown_path(given), drops)
        except (OSError, ValueError) as e:  # a path the OS refuses (too long, NUL byte): skip it, read the rest
            drops.add(STEP, "unreadable", shown_path(given).as_posix(), str(e))


def _discover(path: Path, shown: Path, drops: Drops) -> Iterator[tuple[Path, str]]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path)
            if child.is_file() and reader_for(child) and not any(p.startswith(".") for p in relative.parts):
                yield child, (shown / relative).as_posix()
    elif path.is_file():
        if reader_for(path):
            yield path, shown.as_posix()
        else:
            drops.add(STEP, "unsupported-file-type", shown.as_posix(), f"supported: {', '.join(sorted(READERS))}")
    else:
        drops.add(STEP, "not-found", shown.as_posix())


def file_readers(paths: Iterable[str | Path], drops: Drops, clock: Clock = utc_now) -> Iterator[Reader]:
    """A reader for every supported file under ``paths``; missing and unsupported ones are counted in ``drops``."""
    for path, shown in discover(paths, drops):
        yield reader_for(path)(path, shown, clock)
