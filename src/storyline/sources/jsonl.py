"""JSON Lines → raw articles, one per line, read as a stream so a feed of any size fits in memory.

Each line is an object with ``text`` or ``html`` (the body) and optionally ``url``, ``title``, ``outlet`` and
``published`` (ISO 8601); other keys are ignored. Every field must be a string (or null). A line whose body is
missing or not a string is dropped, counted with its line number; a metadata field of the wrong type is
ignored with a warning and the article kept, since its text is still worth reading (a number is not guessed
into a title, nor a list into a URL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import Article
from ..exceptions import BadDocument
from ..engine import Drops
from .base import MAX_BYTES, STEP, Clock, Reader, read_bytes, utc_now
from .decode import SNIFF_BYTES, decode, looks_binary

BODY_FIELDS = ("html", "text")  # in order of preference: the page as published, else its text
METADATA_FIELDS = ("url", "title", "outlet")
UTF16_OPENINGS = (b"\xff\xfe", b"\xfe\xff", b"{\x00", b"\x00{")  # a BOM, or a line's "{" in UTF-16 LE or BE


class JsonlReader(Reader):
    name = "jsonl"

    def __init__(self, path: Path, shown: str, clock: Clock = utc_now) -> None:
        super().__init__(shown, clock)
        self.path = path

    def read(self, drops: Drops) -> Iterator[Article]:
        try:
            for number, line in self._lines():
                where = f"{self.shown}#{number}"
                try:
                    article = self._article(line, where)
                except BadDocument as e:
                    drops.add(STEP, e.reason, where, e.detail)
                    continue
                if article is not None:
                    yield article
        except BadDocument as e:
            drops.add(STEP, e.reason, self.shown, e.detail)
        except OSError as e:
            drops.add(STEP, "unreadable", self.shown, e.strerror or str(e))

    def _lines(self) -> Iterator[tuple[int, bytes | str]]:
        """Numbered lines, split on ``\\n`` only (a JSON string may hold U+2028, which ``splitlines`` would cut).

        Byte-encoded files stream line by line; UTF-16 (rare for JSONL, but Windows editors write it) is
        decoded whole. A binary file (its first line is binary) is one drop, not one per line.
        """
        with self.path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
            if head.startswith(UTF16_OPENINGS):
                yield from enumerate(decode(read_bytes(self.path)).split("\n"), start=1)
                return
            if looks_binary(head.lstrip().split(b"\n", 1)[0]):  # later bad lines are dropped one by one
                raise BadDocument("binary", "control bytes in the first line; not a JSON Lines file")
            f.seek(0)
            yield from enumerate(f, start=1)

    def _article(self, line: bytes | str, where: str) -> Article | None:
        """The article on one line; None for a blank line; BadDocument for a line that cannot be used."""
        if len(line) > MAX_BYTES:
            raise BadDocument("too-large", f"a line over {MAX_BYTES // 1_000_000} MB")
        if not line.strip():
            return None
        try:
            record = json.loads(decode(line) if isinstance(line, bytes) else line)
        except ValueError as e:  # JSONDecodeError, or an integer too long to convert
            raise BadDocument("invalid-json", getattr(e, "msg", str(e))) from None
        except RecursionError:
            raise BadDocument("invalid-json", "nested too deeply") from None
        if not isinstance(record, dict):
            raise BadDocument("invalid-json", "a line must be a JSON object")
        for key in BODY_FIELDS:
            if record.get(key) is not None and not isinstance(record[key], str):
                raise BadDocument("bad-field", f"{key!r} must be a string, not {type(record[key]).__name__}")
        fmt = next((key for key in BODY_FIELDS if (record.get(key) or "").strip()), None)
        if fmt is None:
            raise BadDocument("no-text", "a line needs a non-empty 'text' or 'html'")
        metadata = {key: self._string(record, key, where) for key in METADATA_FIELDS}
        published = self.published(record.get("published"), where)
        return self.article(record[fmt], fmt, metadata["url"] or where, published=published,
                            published_evidence="jsonl" if published else None, **metadata)

    def _string(self, record: dict, key: str, where: str) -> str | None:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            self.repair("field-ignored", where, f"{key!r} must be a string, not {type(value).__name__}")
            return None
        return (value.strip() or None) if value else None
