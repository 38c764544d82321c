"""Watches: saved queries that POST to a webhook when a matching article arrives, or when a story they follow
gains a claim or a conflict. Webhooks go through the ``Fetcher``, so the SSRF guard applies to them as well.

The ingest worker calls ``articles_added`` with the ids it stored and ``stories_changed`` with the stories
whose dossiers it rebuilt; each makes at most one webhook call per watch, listing everything that fired it.
A watch follows the stories of the articles it matched (and the story it was created for); the claim and
conflict counts seen last are stored, so only a gain fires. Every call is recorded as a ``Delivery``, failed
ones with their error, for the UI to show. Calls block for up to the fetch timeouts: run these off the path
that makes new articles visible.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from ..exceptions import FetchError, InputError, NotFound
from ..model import Article, Delivery, Story, Watch, outlet_key
from ..sources.base import Clock, utc_now
from ..sources.web import Fetcher
from ..store import Page, Store
from ..store.feeds import WatchStore

log = logging.getLogger("storyline.watches")
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def matches(watch: Watch, article: Article) -> bool:
    """Every criterion the watch sets holds: all words of its query in the title or text, the entity named,
    the outlet the same (by ``outlet_key``)."""
    if watch.query and not _words(watch.query) <= _words(f"{article.title or ''} {article.text}"):
        return False
    if watch.entity and " ".join(watch.entity.casefold().split()) not in article.entity_keys:
        return False
    return not (watch.outlet and outlet_key(article.outlet or "") != outlet_key(watch.outlet))


def counts(story: Story) -> tuple[int, int]:
    """(claims, conflicting claims) of a story: what a watch compares to tell a gain."""
    return len(story.claims), sum(c.status == "conflicting" for c in story.claims)


class WatchService:
    def __init__(self, store: Store, fetcher: Fetcher, *, clock: Clock = utc_now) -> None:
        self.store = store
        self.watches = WatchStore(store)
        self.fetcher = fetcher
        self.clock = clock

    def add(self, webhook: str, *, query: str | None = None, entity: str | None = None, outlet: str | None = None,
            story_id: str | None = None) -> Watch:
        """A new watch. InputError without any criterion or for a webhook that may not be called (the SSRF
        rules); NotFound for an unknown story."""
        query, entity, outlet, story_id = (v.strip() if v and v.strip() else None for v in (query, entity, outlet, story_id))
        if not (query or entity or outlet or story_id):
            raise InputError("a watch needs a query, an entity, an outlet or a story to follow")
        story = self.store.story(story_id) if story_id else None
        watch = self.watches.add(self.fetcher.check(webhook), self.clock(), query=query, entity=entity, outlet=outlet,
                                 story_id=story_id)
        if story is not None:
            self.watches.follow(watch.id, story.id, *counts(story))
        return watch

    def list(self, offset: int = 0, limit: int = 50) -> Page:
        return self.watches.page(offset, limit)

    def get(self, watch_id: int) -> Watch:
        return self.watches.watch(watch_id)

    def remove(self, watch_id: int) -> None:
        self.watches.remove(watch_id)

    def deliveries(self, watch_id: int, offset: int = 0, limit: int = 50) -> Page:
        self.watches.watch(watch_id)  # NotFound for an unknown watch, not an empty page
        return self.watches.deliveries(watch_id, offset, limit)

    # --- events -----------------------------------------------------------------------------------------

    def articles_added(self, article_ids: Iterable[str]) -> list[Delivery]:
        """One call per watch that new articles match, listing them; the watch then follows their stories."""
        watches = [w for w in self.watches.all() if w.query or w.entity or w.outlet]
        if not watches:
            return []
        articles = self.store.articles(list(article_ids), with_facts=False)
        done = []
        for watch in watches:
            matched = [a for a in articles if matches(watch, a)]
            if not matched:
                continue
            payload = {"watch_id": watch.id, "event": "articles", "articles": [_article_json(a) for a in matched]}
            done.append(self._deliver(watch, "articles", [a.id for a in matched], payload))
            for story_id in dict.fromkeys(a.story_id for a in matched if a.story_id):
                self._follow(watch, story_id)
        return done

    def stories_changed(self, story_ids: Iterable[str]) -> list[Delivery]:
        """One call per watch whose followed stories gained claims or conflicts, listing those stories."""
        gains: dict[int, list[dict]] = {}
        for story_id, followers in self.watches.followed(story_ids).items():
            try:
                story = self.store.story(story_id)
            except NotFound:  # merged into another story or deleted: nothing to report on
                continue
            claims, conflicts = counts(story)
            for watch_id, (seen_claims, seen_conflicts) in followers.items():
                if claims > seen_claims or conflicts > seen_conflicts:
                    gains.setdefault(watch_id, []).append({
                        "id": story.id, "title": story.title, "claims": claims, "conflicts": conflicts,
                        "new_claims": max(0, claims - seen_claims), "new_conflicts": max(0, conflicts - seen_conflicts)})
                if (claims, conflicts) != (seen_claims, seen_conflicts):
                    self.watches.follow(watch_id, story.id, claims, conflicts)
        done = []
        for watch_id, stories in gains.items():
            payload = {"watch_id": watch_id, "event": "stories", "stories": stories}
            done.append(self._deliver(self.watches.watch(watch_id), "stories", [s["id"] for s in stories], payload))
        return done

    def _follow(self, watch: Watch, story_id: str) -> None:
        if watch.id in self.watches.followed([story_id]).get(story_id, {}):
            return  # already followed: its counts are updated when the story changes
        try:
            seen = counts(self.store.story(story_id))
        except NotFound:  # its dossier is not built yet: every claim it gets is news to the watch
            seen = (0, 0)
        self.watches.follow(watch.id, story_id, *seen)

    def _deliver(self, watch: Watch, event: str, subjects: list[str], payload: dict) -> Delivery:
        try:
            status, error = self.fetcher.post_json(watch.webhook, payload), None
        except FetchError as e:
            status = int(e.reason[5:]) if e.reason.startswith("http-") else None
            error = str(e)
            log.warning("watch %d: webhook failed: %s", watch.id, e)
        return self.watches.record(watch.id, event, subjects, self.clock(), status, error)


def _article_json(a: Article) -> dict:
    return {"id": a.id, "title": a.title, "url": a.url, "outlet": a.outlet, "published": a.published,
            "story_id": a.story_id}
