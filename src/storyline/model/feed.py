"""Feeds polled on a schedule, and watches: saved queries that call a webhook when they match."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True)
class Feed:
    id: int
    url: str
    interval: int  # seconds between polls
    next_poll: datetime
    title: str | None = None  # as the feed names itself, once polled
    etag: str | None = None  # validators of the last full response, for conditional GETs
    last_modified: str | None = None
    last_polled: datetime | None = None
    error_count: int = 0  # failures in a row; the next poll is backed off by them
    last_error: str | None = None


@dataclass(slots=True)
class Watch:
    """Fires when a new article matches every criterion given (words of ``query``, ``entity``, ``outlet``), and
    when a story it follows (``story_id``, or the story of an article it matched) gains a claim or a conflict."""

    id: int
    webhook: str
    created_at: datetime
    query: str | None = None
    entity: str | None = None
    outlet: str | None = None
    story_id: str | None = None


@dataclass(slots=True)
class Delivery:
    """One webhook call: what fired (``articles``: new matching articles; ``stories``: followed stories that
    gained a claim or a conflict), about which ids, and how it went."""

    id: int
    watch_id: int
    event: str
    subjects: list[str]  # article ids (event "articles") or story ids (event "stories")
    delivered_at: datetime
    status: int | None = None  # the webhook's HTTP status; None when it could not be reached
    error: str | None = None
