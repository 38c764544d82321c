"""Feeds → entries: RSS and Atom (through feedparser) and JSON Feed, each entry a link to an article.

An entry's publication date is kept only when the feed states one (RSS ``pubDate``, Atom ``published``, JSON
Feed ``date_published``), with the evidence "feed entry date"; an Atom ``updated`` time is no publication
date and is not used. Entries without an http(s) link cannot be fetched: they are skipped and counted.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from ..exceptions import BadDocument
from ..text.dates import parse_iso
from .decode import decode

FEED_DATE_EVIDENCE = "feed entry date"
JSON_FEED_TYPES = {"application/feed+json", "application/json"}


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str | None = None
    published: str | None = None  # ISO 8601, only when the feed gives it
    published_evidence: str | None = None

    def as_item(self) -> dict:
        """The entry as an ingest request item (``url`` plus what the feed said about it)."""
        item = {"url": self.link, "title": self.title, "published": self.published,
                "published_evidence": self.published_evidence}
        return {key: value for key, value in item.items() if value is not None}


@dataclass(slots=True)
class ParsedFeed:
    title: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    skipped: int = 0  # entries without a usable link


def parse_feed(content: bytes, media_type: str, url: str) -> ParsedFeed:
    """Entries of a fetched feed, links made absolute against ``url``; BadDocument when it is no feed."""
    if media_type in JSON_FEED_TYPES or content.lstrip()[:1] == b"{":
        return _json_feed(content, url)
    return _xml_feed(content, url)


def _entry(link: object, title: object, published: str | None, base: str) -> FeedEntry | None:
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip())
        if urlsplit(absolute).scheme not in ("http", "https"):
            return None
    except ValueError:  # "http://[::1": a broken address is a missing link, not a broken feed
        return None
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    return FeedEntry(absolute, title, published, FEED_DATE_EVIDENCE if published else None)


def _xml_feed(content: bytes, url: str) -> ParsedFeed:
    import feedparser  # only needed when feeds are polled

    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise BadDocument("not-a-feed", f"neither RSS, Atom nor JSON Feed{f' ({problem})' if problem else ''}")
    feed = ParsedFeed(title=parsed.feed.get("title") or None)
    for item in parsed.entries:
        when = item.get("published_parsed")  # a UTC struct_time, from pubDate or Atom published only
        published = (datetime.fromtimestamp(calendar.timegm(when), UTC).isoformat() if when else None)
        entry = _entry(item.get("link"), item.get("title"), published, url)
        if entry is None:
            feed.skipped += 1
        else:
            feed.entries.append(entry)
    return feed


def _json_feed(content: bytes, url: str) -> ParsedFeed:
    try:
        document = json.loads(decode(content))
    except ValueError as e:
        raise BadDocument("not-a-feed", f"invalid JSON: {e}") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise BadDocument("not-a-feed", "a JSON Feed is an object with an 'items' list")
    feed = ParsedFeed(title=document.get("title") if isinstance(document.get("title"), str) else None)
    for item in document["items"]:
        if not isinstance(item, dict):
            feed.skipped += 1
            continue
        entry = _entry(item.get("url") or item.get("external_url"), item.get("title"), _iso(item.get("date_published")), url)
        if entry is None:
            feed.skipped += 1
        else:
            feed.entries.append(entry)
    return feed


def _iso(value: object) -> str | None:
    """JSON Feed dates are RFC 3339; anything else is unknown, not guessed."""
    parsed = parse_iso(value) if isinstance(value, str) else None
    return parsed.isoformat() if parsed else None
