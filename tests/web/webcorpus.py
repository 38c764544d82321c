"""The web UI tests' corpus: a store: fictional reports ingested with the stand-in models, one story's
dossier given claims across five outlets, a hostile article, and a fake feeds service."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.app import IngestService
from storyline.exceptions import InputError, NotFound
from storyline.model import (
    Article,
    Claim,
    Coverage,
    Event,
    Feed,
    StoryEntity,
    StoryQuote,
    content_id,
)
from storyline.settings import Settings
from storyline.store import Page, Store

OUTLETS = ["Quillon Evening Standard", "Northwire Agency International", "Coastal Daily Record",
           "Harbour Gazette and Shipping News", "Bellhaven Morning Post"]
FERRY = [
    ("Lantern ferry aground at Quillon Point\n\nThe Lantern ferry ran aground off Quillon Point on Monday with 212 "
     "passengers on board. Coastguard captain Maren Holt said all passengers were brought ashore by Quillon lifeboat "
     "crews."),
    ("Quillon lifeboats rescue Lantern passengers\n\nMaren Holt, the coastguard captain, said the Lantern ferry struck "
     "the reef at Quillon Point after its steering failed. The Lantern carried 230 passengers, Holt said."),
    ("Lantern ferry: steering failure suspected\n\nInvestigators at Quillon Point said the Lantern ferry's steering "
     "failed before it ran aground. Coastguard captain Maren Holt praised the Quillon lifeboat crews."),
    ("Quillon Point grounding: passengers safe\n\nAll passengers of the Lantern ferry are safe after it ran aground "
     "at Quillon Point, coastguard captain Maren Holt said. Three Quillon lifeboat crews took part."),
    ("Lantern ferry refloated at Quillon Point\n\nTugs refloated the Lantern ferry at Quillon Point on Tuesday, a day "
     "after it ran aground. Maren Holt of the coastguard said the Quillon lifeboat crews were stood down."),
]
# a syndicated copy of the first report, as another outlet ran it: retitled and trimmed
COPY = FERRY[0].replace("Lantern ferry aground", "Ferry Lantern aground", 1).replace(" on Monday", "")
LIBRARY = ("Bellhaven library reopens\n\nThe Bellhaven city library reopened on Saturday after a two-year restoration. "
           "Librarian Odile Prest said the Bellhaven reading room now holds the restored Corvane maps.")
HOSTILE = ('<script>window.__pwned = 1</script>Harbour notice<svg onload="window.__pwned = 5">\n\nThe Varn harbour '
           'notice reads <img src=x onerror="window.__pwned = 2"> and links <a href="javascript:window.__pwned = 3">'
           'here</a> and <a href="data:text/html,&lt;script&gt;window.__pwned = 6&lt;/script&gt;">there</a>. '
           '<body onload="window.__pwned = 7"><iframe src="javascript:window.__pwned = 8"></iframe>'
           'Harbourmaster Ilse Varn said the notice was a prank.')
HOSTILE_OUTLET = '<img src=x onerror="window.__pwned = 9">javascript:alert(1)'
HOSTILE_URL = "javascript:window.__pwned = 4"


def article(raw: str, outlet: str | None = None, published: str | None = None, url: str | None = None) -> Article:
    return Article(id=content_id(raw), source=url or f"{content_id(raw)}.txt", raw=raw, format="text", outlet=outlet,
                   published=published, published_evidence="jsonl" if published else None, url=url)


class FakeFeeds:
    """What the web UI needs of ``app.feeds.FeedService``: add, list, remove."""

    def __init__(self):
        self.feeds: dict[int, Feed] = {}
        self.intervals: dict[int, int | None] = {}
        self._ids = itertools.count(1)

    def add(self, url: str, interval: int | None = None) -> Feed:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"not a feed address: {url!r} (give an http:// or https:// URL)")
        feed = Feed(next(self._ids), url, interval or 1800, datetime.now(UTC))
        self.feeds[feed.id], self.intervals[feed.id] = feed, interval
        return feed

    def list(self, offset: int = 0, limit: int = 50) -> Page:
        feeds = list(self.feeds.values())
        return Page(feeds[offset : offset + limit], len(feeds), offset, limit)

    def remove(self, feed_id: int) -> None:
        if self.feeds.pop(feed_id, None) is None:
            raise NotFound("feed", feed_id)


def build_store(url: str) -> Store:
    settings = Settings(db_url=url)
    store = Store(url)
    reports = [article(raw, outlet, f"2026-04-{6 + n // 4:02d}")
               for n, (raw, outlet) in enumerate(zip(FERRY, OUTLETS))]
    reports += [article(COPY, "Coastal Daily Record", "2026-04-06T18:00:00+00:00"),
                article(LIBRARY, "Bellhaven Morning Post", "2026-04-04"),
                article(HOSTILE, HOSTILE_OUTLET, None, url=HOSTILE_URL)]
    IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(reports)
    ferry = store.story(store.article(reports[0].id).story_id)
    assert len(ferry.article_ids) == 6, "the five ferry reports and the copy should make one story"
    assert store.article(content_id(COPY)).duplicate_of == reports[0].id
    ids = [r.id for r in reports[:5]]
    ferry.claims = [
        Claim("The Lantern carried 230 passengers, Holt said.", "conflicting", {ids[0]: "212", ids[1]: "230"},
              ids[:2], "2026-04-06", "passengers on board",
              {"rule": "values that exclude each other for the same thing and day", "figures": [
                  {"article": ids[0], "source": ids[0], "text": "212", "admits": [212, 212], "day": "2026-04-06"},
                  {"article": ids[1], "source": ids[1], "text": "230", "admits": [230, 230], "day": "2026-04-06"}]}),
        Claim("Three Quillon lifeboat crews took part.", "single_source", {ids[3]: "Three"}, [ids[3]], None,
              "lifeboat crews", {"rule": "one independent source", "figures": []}),
        Claim("Tugs refloated the Lantern ferry on Tuesday.", "single_source", {ids[4]: "one day"}, [ids[4]], None,
              "days aground", None),
    ]
    ferry.entities = [
        StoryEntity("Maren Holt", "PERSON", ["Holt"], "coastguard captain", ids),
        StoryEntity("Quillon Point", "LOC", [], None, ids),
        StoryEntity("Lantern", "PRODUCT", ["the Lantern ferry"], "ferry", ids),
    ]
    ferry.quotes = [StoryQuote("Maren Holt", "all passengers were brought ashore by Quillon lifeboat crews", False,
                               [ids[0]])]
    ferry.timeline = [
        Event("2026-04-06", "The Lantern ferry ran aground off Quillon Point on Monday with 212 passengers on board.",
              [ids[0], ids[3]], "2026-04-06"),
        Event("2026-04-07", "Tugs refloated the Lantern ferry at Quillon Point on Tuesday, a day after it ran aground.",
              [ids[4]], "2026-04-07"),
    ]
    ferry.coverage = {OUTLETS[1]: Coverage(only_here=["The Lantern carried 230 passengers, Holt said."]),
                      OUTLETS[4]: Coverage(only_here=["Tugs refloated the Lantern ferry on Tuesday."])}
    with store.unit_of_work() as conn:
        store.save_stories(conn, [ferry])
    return store


