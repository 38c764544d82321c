"""What every reader shares: counted drops and repairs, the checks each new article passes, and the clock."""

from __future__ import annotations

import reprlib
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..model import Article, Format, content_id
from ..exceptions import BadDocument
from ..engine import Drops, log
from ..text.dates import parse_iso
from .decode import without_surrogates

MAX_BYTES = 20_000_000  # a larger file (or JSONL line) is no news article; reading it would only waste memory
STEP = "ingest"  # the step name under which readers count drops, as the run summary shows them
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's default max_length (error E088 above it); far beyond any news article
MAX_HTML_CHARS = 10_000_000  # markup is most of a page: the largest of 181 real news pages is 1.49 M characters
EARLIEST_PUBLISHED = date(1900, 1, 1)  # before this a "publication date" is a placeholder (0001-01-01), not news
FUTURE_TOLERANCE = timedelta(days=1)  # time zones and clock skew; anything later is a placeholder (9999-12-31)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Reader:
    """One input (a file, later a feed or an archive) → raw articles.

    A reader never raises for bad content: a document it cannot use is dropped with a counted reason (in the
    run's ``Drops``), and a document it can use after a repair (a cut text, an ignored field) is kept and the
    repair counted in ``repairs`` and logged. ``read_paths`` guards each reader so an unexpected failure on
    one input skips only that input.
    """

    name = "reader"

    def __init__(self, shown: str, clock: Clock = utc_now) -> None:
        self.shown = shown  # the input as the user gave it: never an absolute path of this machine
        self.clock = clock
        self.repairs: Counter = Counter()

    def read(self, drops: Drops) -> Iterator[Article]:
        raise NotImplementedError

    def now(self) -> datetime:
        now = self.clock()
        return now if now.tzinfo else now.replace(tzinfo=timezone.utc)  # a naive clock is taken to be UTC

    def repair(self, reason: str, source: str, detail: str) -> None:
        self.repairs[reason] += 1
        log.warning("%s: %s (%s); kept", source, reason, detail)

    def article(self, body: str, fmt: Format, source: str, fetched_at: str | None = None,
                **metadata: str | None) -> Article:
        """A new raw article with the checks every reader owes: encodable text, bounded length, and when it was
        fetched (``fetched_at`` when the input records it, as a crawl archive does; else the read time)."""
        source, body = self._clean(source, source), self._clean(body, source)
        limit = MAX_HTML_CHARS if fmt == "html" else MAX_ARTICLE_CHARS
        if len(body) > limit:
            self.repair("truncated", source, f"{len(body):,} characters; the first {limit:,} are kept")
            body = body[:limit]
        metadata = {key: self._clean(value, source) if value else None for key, value in metadata.items()}
        return Article(id=content_id(body), source=source, raw=body, format=fmt,
                       fetched_at=fetched_at or self.now().isoformat(),
                       **metadata)

    def _clean(self, text: str, source: str) -> str:
        text, surrogates = without_surrogates(text)
        if surrogates:
            self.repair("lone-surrogates", source, f"{surrogates} replaced by U+FFFD")
        return text

    def published(self, value: object, source: str) -> str | None:
        """An ISO 8601 publication date from input metadata, if plausible; anything else is unknown, not guessed.

        A date-only value stays a date (no invented midnight). Dates before ``EARLIEST_PUBLISHED`` or after
        tomorrow (by the reader's clock) are placeholders of the tool that wrote the input.
        """
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parsed = parse_iso(value) if isinstance(value, str) else None
        if parsed is None:
            self.repair("published-not-iso", source, f"'published' {reprlib.repr(value)} is not ISO 8601; left unknown")
            return None
        now = self.now()
        day = parsed.date() if isinstance(parsed, datetime) else parsed
        latest = now + FUTURE_TOLERANCE
        too_late = parsed > latest if isinstance(parsed, datetime) and parsed.tzinfo else day > latest.date()
        if day < EARLIEST_PUBLISHED or too_late:
            self.repair("published-implausible", source, f"'published' {reprlib.repr(value)} is outside "
                        f"{EARLIEST_PUBLISHED.isoformat()} … {latest.date().isoformat()}; left unknown")
            return None
        return parsed.isoformat()


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes; BadDocument when it is too large or cannot be read."""
    try:
        if path.stat().st_size > limit:
            raise BadDocument("too-large", f"over {limit // 1_000_000} MB")
        return path.read_bytes()
    except OSError as e:
        raise BadDocument("unreadable", e.strerror or str(e)) from None
