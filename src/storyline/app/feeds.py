"""Feeds: added and removed by users, polled when due, their new entries handed to ingest.

A poll is a conditional GET through the ``Fetcher`` (so the SSRF guard, robots.txt and the per-host interval
apply). New entry links go to ``submit`` (the server wires it to its ingest queue, the CLI to an ingest run);
they are remembered only after ``submit`` returned, so a failed hand-over is retried next poll and a re-poll
never submits an entry twice. A failing feed is backed off: its next poll moves out exponentially.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..exceptions import BadDocument, FetchError, InputError, StorylineError
from ..model import Feed
from ..settings import FetchSettings
from ..sources.base import Clock, utc_now
from ..sources.feeds import parse_feed
from ..sources.web import ARTICLE_TYPES, FEED_TYPES, Fetcher, backoff
from ..store import Page, Store
from ..store.feeds import FeedStore

log = logging.getLogger("storyline.feeds")
MIN_INTERVAL = 60  # seconds: polling more often than this helps no reader and burdens the site
MAX_INTERVAL = 7 * 86_400
IDLE_CHECK = 30.0  # seconds the background loop sleeps between looks for due feeds

Submit = Callable[[list[dict]], object]  # items like {"url": ..., "title": ..., "published": ...}


@dataclass
class PollResult:
    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    submitted: int = 0  # new entry links handed to ingest
    skipped_entries: int = 0  # entries without a usable link
    errors: dict[str, str] = field(default_factory=dict)  # feed URL -> why it failed


class FeedService:
    def __init__(self, store: Store, fetcher: Fetcher, submit: Submit, *, clock: Clock = utc_now,
                 settings: FetchSettings | None = None) -> None:
        self.feeds = FeedStore(store)
        self.fetcher = fetcher
        self.submit = submit
        self.clock = clock
        self.settings = settings or fetcher.settings

    def add(self, url: str, interval: int | None = None) -> Feed:
        """A new feed, polled at the next ``poll_due``. InputError for a URL that may not be fetched (scheme,
        private address), Conflict when the feed exists."""
        interval = interval or self.settings.feed_interval
        if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
            raise InputError(f"a feed's interval is between {MIN_INTERVAL} and {MAX_INTERVAL} seconds, not {interval}")
        return self.feeds.add(self.fetcher.check(url), interval, self.clock())

    def list(self, offset: int = 0, limit: int = 50) -> Page:
        return self.feeds.page(offset, limit)

    def get(self, feed_id: int) -> Feed:
        return self.feeds.feed(feed_id)

    def remove(self, feed_id: int) -> None:
        self.feeds.remove(feed_id)

    def poll_due(self, now: datetime | None = None) -> PollResult:
        """Poll every feed whose time has come (the Fetcher spaces requests to one host)."""
        now = now or self.clock()
        result = PollResult()
        for feed in self.feeds.due(now):
            self._poll(feed, now, result)
        return result

    def _poll(self, feed: Feed, now: datetime, result: PollResult) -> None:
        result.polled += 1
        try:
            got = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                                   accept=FEED_TYPES | set(ARTICLE_TYPES))  # feeds are often served as text/html
            if got.not_modified:
                result.not_modified += 1
                self.feeds.polled(feed, now, now + timedelta(seconds=feed.interval), not_modified=True)
                return
            parsed = parse_feed(got.content, got.media_type, got.url)
        except (FetchError, BadDocument) as e:
            self._failed(feed, now, e, result)
            return
        entries = {e.link: e for e in parsed.entries}
        new = self.feeds.unseen(feed.id, entries)
        if new:
            try:
                self.submit([entries[link].as_item() for link in new])
            except StorylineError as e:  # the queue refused them: they stay unseen and are offered again
                self._failed(feed, now, e, result)
                return
        result.submitted += len(new)
        result.skipped_entries += parsed.skipped
        if parsed.skipped:
            log.warning("%s: %d entries without a usable link skipped", feed.url, parsed.skipped)
        self.feeds.polled(feed, now, now + timedelta(seconds=feed.interval), new, title=parsed.title,
                          etag=got.etag, last_modified=got.last_modified)

    def _failed(self, feed: Feed, now: datetime, error: StorylineError, result: PollResult) -> None:
        result.failed += 1
        result.errors[feed.url] = str(error)
        delay = backoff(feed.error_count + 1, self.settings, getattr(error, "retry_after", None))
        self.feeds.failed(feed, now, now + timedelta(seconds=max(delay, feed.interval)), str(error))
        log.warning("feed %s failed (%s); next poll in %d s", feed.url, error, max(delay, feed.interval))

    def run(self, stop: threading.Event, idle: float = IDLE_CHECK) -> None:
        """Poll due feeds until ``stop`` is set: the server runs this in a background thread."""
        while not stop.is_set():
            try:
                self.poll_due()
            except Exception:  # one bad round (a database hiccup) must not end polling for good
                log.exception("polling feeds failed; trying again in %g s", idle)
            stop.wait(idle)
