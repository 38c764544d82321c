"""WARC archives (``.warc``, ``.warc.gz``) → raw HTML articles, read as a stream with ``fastwarc``.

Crawl archives such as Common Crawl's CC-NEWS hold tens of thousands of pages per file. Only HTTP response
records with status 200 and an HTML body become articles, with the record's target URI as ``url``. The
record's WARC-Date is when the crawler fetched the page, so it becomes ``fetched_at`` and never ``published``
(extraction reads the publication date from the page itself, or leaves it unknown). Every other response is
dropped with a counted reason; an archive cut short (a truncated download) keeps what came before the cut,
and a damaged record (garbage, an endless header, a lying length) costs only itself: reading resumes at the
next intact record.
"""

from __future__ import annotations

import codecs
import gzip
import io
import mmap
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..engine import Drops
from ..exceptions import BadDocument
from ..model import Article
from .base import MAX_BYTES, STEP, Clock, Reader, utc_now
from .decode import decode

HTML_TYPES = ("text/html", "application/xhtml+xml")
SNIFF_CHARS = 1024  # a page served without Content-Type still shows "<html" or a doctype in its head


class WarcReader(Reader):
    """One WARC file; an article's ``source`` is the archive with the response's number in it (``a.warc.gz#12``)."""

    name = "warc"

    def __init__(self, path: Path, shown: str, clock: Clock = utc_now) -> None:
        super().__init__(shown, clock)
        self.path = path

    def read(self, drops: Drops) -> Iterator[Article]:
        number, start = 0, 0
        try:
            gzipped = _is_gzip(self.path)
            if not _starts_as_warc(self.path, gzipped):  # fastwarc would read a foreign file as an empty archive
                drops.add(STEP, "not-warc", self.shown, "the file does not start with a WARC record")
                return
            while start is not None:
                begin, before, broken = start, number, None
                try:
                    for offset, record in self._records(begin):
                        start = offset + 1  # a resumed read looks for the next record after this one
                        number += 1
                        where = f"{self.shown}#{number}"
                        try:
                            yield self._article(record, where)
                        except BadDocument as e:
                            drops.add(STEP, e.reason, where, e.detail)
                except OSError as e:  # fastwarc reports a corrupt or cut record as OSError
                    broken = str(e) or type(e).__name__
                if broken is None:
                    return
                if begin == 0 or number > before:  # not a resumed read failing at once: that is the damage counted
                    number += 1  # the broken record (and whatever its damage hid) counts as one
                    drops.add(STEP, "broken-archive", f"{self.shown}#{number}", broken)
                # the records after the damage are still read: from the next one after the last read (or after
                # where this attempt began, when the damage is its first record)
                start = _next_record(self.path, max(start, begin + 1), gzipped)
        except OSError as e:  # the file itself cannot be read
            drops.add(STEP, "unreadable", self.shown, e.strerror or str(e))

    def _records(self, start: int) -> Iterator[tuple[int, object]]:
        """(file offset, record) of the responses from ``start`` on, and of records fastwarc cannot type (every
        type is asked for, so those are counted, not skipped unseen)."""
        from fastwarc.warc import (  # heavy optional import, only for archives
            ArchiveIterator,
            WarcRecordType,
        )

        with self.path.open("rb") as stream:
            stream.seek(start)
            for record in ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=True):
                if record.record_type in (WarcRecordType.response, WarcRecordType.no_type):
                    yield start + record.stream_pos, record  # requests, metadata, warcinfo …: no page to read

    def _article(self, record, where: str) -> Article:
        if not record.headers.get("WARC-Type"):
            raise BadDocument("not-a-record", "no WARC-Type header: the record is unreadable")
        status = record.http_headers.status_code if record.http_headers is not None else None
        if status != 200:
            raise BadDocument("http-status", f"HTTP {status}" if status else "no HTTP response in the record")
        if record.content_length > MAX_BYTES:
            raise BadDocument("too-large", f"over {MAX_BYTES // 1_000_000} MB")
        body = record.reader.read()
        if len(body) < record.content_length:
            raise BadDocument("truncated-record", f"{len(body):,} of {record.content_length:,} bytes")
        media_type = (record.http_content_type or "").lower()
        if media_type not in HTML_TYPES and not (not media_type and _looks_like_html(body)):
            raise BadDocument("not-html", f"content type {media_type or 'missing'}")
        uri = record.headers.get("WARC-Target-URI")
        crawled = record.record_date.isoformat() if record.record_date else None
        return self.article(_text(body, record.http_charset), "html", where, fetched_at=crawled, url=uri)


GZIP_MEMBER = b"\x1f\x8b\x08"  # how each record of a .warc.gz starts (a gzip member, deflate)
RECORD_START = b"\nWARC/1."  # … and each record of a plain .warc (after the previous record's blank lines)


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as raw:
        return raw.read(2) == GZIP_MEMBER[:2]


def _next_record(path: Path, after: int, gzipped: bool) -> int | None:
    """Where the next intact record starts at or after ``after``: the next gzip member that opens with a WARC
    header (crawlers write one member per record), or the next ``WARC/1.`` line; None when there is none."""
    with path.open("rb") as raw, mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data:
        at = after
        while True:
            at = data.find(GZIP_MEMBER if gzipped else RECORD_START, at)
            if at < 0:
                return None
            if not gzipped:
                return at + 1
            try:
                if zlib.decompressobj(31).decompress(data[at : at + 1024], 8).startswith(b"WARC/"):
                    return at
            except zlib.error:
                pass  # the magic bytes by chance, inside compressed data
            at += 1


def _starts_as_warc(path: Path, gzipped: bool) -> bool:
    try:
        with gzip.open(path, "rb") if gzipped else path.open("rb") as stream:
            return stream.read(5) == b"WARC/"
    except (OSError, EOFError, zlib.error):  # not even the first gzip member decompresses
        return False


def _looks_like_html(body: bytes) -> bool:
    head = body[:SNIFF_CHARS].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _text(body: bytes, charset: str | None) -> str:
    """The page's text in its declared charset, else sniffed (UTF-8, UTF-16, Windows-1252)."""
    if charset:
        try:
            codecs.lookup(charset)
            text = body.decode(charset)
        except (LookupError, ValueError):  # an unknown, wrong or garbled (a NUL in it) declaration: sniff instead
            return decode(body)
        if text.strip():
            return text
    return decode(body)


def write_warc(path: Path, responses: Iterable[tuple[str, str, bytes]]) -> None:
    """Write ``(url, WARC-Date, HTTP response bytes)`` records as a WARC, gzipped per record as crawlers do
    when ``path`` ends in ``.gz`` (tests and benchmarks build their archives with it)."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    with path.open("wb") as out:
        for url, crawled, http in responses:
            record = WarcRecord()
            record.init_headers(record_type=WarcRecordType.response)
            record.headers["WARC-Target-URI"] = url
            record.headers["WARC-Date"] = crawled
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(http)
            buffer = io.BytesIO()
            record.write(buffer, checksum_data=True)
            out.write(gzip.compress(buffer.getvalue(), mtime=0) if path.name.endswith(".gz") else buffer.getvalue())
