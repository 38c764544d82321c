"""Files and folders → raw articles: ``.txt``, ``.html``/``.htm`` and ``.jsonl`` (one article per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from ..model import Article, content_id
from ..exceptions import BadDocument
from ..engine import Drops, log

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 20_000_000  # larger files are not news articles; reading them would only waste memory


def discover(paths: Iterable[str | Path], drops: Drops) -> Iterator[Path]:
    """Yield supported files under ``paths`` (recursively, sorted, hidden files skipped)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and child.suffix.lower() in SUFFIXES and not any(p.startswith(".") for p in relative):
                    yield child
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                drops.add("ingest", "unsupported-file-type", str(path), f"supported: {', '.join(sorted(SUFFIXES))}")
        else:
            drops.add("ingest", "not-found", str(path))


def decode(data: bytes) -> str:
    """Bytes → text. UTF-8 (with or without BOM) or UTF-16 with BOM; cp1252 as the scraped-web fallback."""
    if not data.strip():
        raise BadDocument("empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise BadDocument("undecodable", str(e)) from None
    head = data[:4096]
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) * 0.05:
        raise BadDocument("binary", "control bytes found; not a text or HTML document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 200):
        raise BadDocument("undecodable", "neither UTF-8 nor Windows-1252")
    return text


def _iso_or_none(value: object) -> str | None:
    """Accept an ISO 8601 date/datetime from input metadata; anything else is unknown, not guessed."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.date().isoformat() if len(value) == 10 else parsed.isoformat()  # no invented midnight


def _from_jsonl(path: Path, text: str, drops: Drops) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            drops.add("ingest", "invalid-json", source, e.msg)
            continue
        if not isinstance(record, dict):
            drops.add("ingest", "invalid-json", source, "a line must be a JSON object")
            continue
        body, fmt = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
        if not isinstance(body, str) or not body.strip():
            drops.add("ingest", "no-text", source, "a line needs a non-empty 'text' or 'html'")
            continue
        published = _iso_or_none(record.get("published"))
        if record.get("published") and not published:
            log.warning("%s: 'published' %r is not ISO 8601; left unknown", source, record.get("published"))
        yield Article(
            id=content_id(body),
            source=str(record.get("url") or source),
            raw=body,
            format=fmt,
            url=record.get("url") or None,
            title=record.get("title") or None,
            outlet=record.get("outlet") or None,
            published=published,
            published_evidence="jsonl" if published else None,
        )


def read_paths(paths: Iterable[str | Path], drops: Drops) -> Iterator[Article]:
    """Raw articles from every supported file under ``paths``; bad files are counted in ``drops``."""
    for path in discover(paths, drops):
        try:
            if path.stat().st_size > MAX_BYTES:
                raise BadDocument("too-large", f"over {MAX_BYTES // 1_000_000} MB")
            text = decode(path.read_bytes())
        except BadDocument as e:
            drops.add("ingest", e.reason, str(path), e.detail)
            continue
        except OSError as e:
            drops.add("ingest", "unreadable", str(path), e.strerror or str(e))
            continue
        kind = SUFFIXES[path.suffix.lower()]
        if kind == "jsonl":
            yield from _from_jsonl(path, text, drops)
        else:
            yield Article(id=content_id(text), source=str(path), raw=text, format=kind)
