"""The server's wiring (Services.for_server): a polled feed's entries go through the ingest queue into stories,
and a watch hears about them; all network through a mocked web, the models through the stand-ins."""

import json
import threading

import httpx
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.api import Services
from storyline.app import IngestService
from storyline.settings import FetchSettings, Settings
from storyline.sources.web import Fetcher
from storyline.store import Store

PAGES = {
    "/ferry-1": "<html><head><title>Lantern ferry aground</title></head><body><article><p>The Lantern ferry ran "
                "aground off Quillon Point on Monday. Coastguard captain Maren Holt said Quillon lifeboat crews "
                "brought all 212 passengers ashore before the tide turned.</p></article></body></html>",
    "/ferry-2": "<html><head><title>Reef at Quillon Point</title></head><body><article><p>Maren Holt, the coastguard "
                "captain, said the Lantern ferry struck the Quillon Point reef after its steering failed, and the "
                "Quillon lifeboat crews rescued everyone on board.</p></article></body></html>",
}
FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Quillon Courier</title>'
        + "<item><title>Aground</title><link>https://courier.example/ferry-1</link>"
          "<pubDate>Mon, 07 Dec 2026 08:10:00 GMT</pubDate></item>"
          "<item><title>Reef</title><link>https://courier.example/ferry-2</link></item>"
        + "</channel></rss>")


class Web:
    def __init__(self):
        self.hooks = []
        self.delivered = threading.Event()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/robots.txt":
            return httpx.Response(404)
        if path == "/feed.xml":
            return httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=FEED.encode())
        if path == "/hook":
            self.hooks.append(json.loads(request.content))
            self.delivered.set()
            return httpx.Response(204)
        return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGES[path].encode())


def test_feed_entries_are_queued_ingested_grouped_and_watched(tmp_path):
    web = Web()
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'server.db'}")
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(web),
                      resolver=lambda host: ["93.184.216.34"], sleep=lambda s: None)
    with Store(settings.db_url) as store:
        ingest = IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords())
        services = Services.for_server(store, settings, ingest, fetcher)
        services.feeds.add("https://courier.example/feed.xml")
        services.watches.add("https://hooks.example/hook", query="lifeboat")
        assert services.feeds.poll_due().submitted == 2  # before start: the feeds thread then finds nothing due
        services.start()
        try:
            items = services.worker.wait_for([1, 2], timeout=30)
            assert [item.state for item in items] == ["done", "done"]
            assert web.delivered.wait(30)
        finally:
            services.stop()
        stories = store.stories().items
        assert len(stories) == 1 and len(stories[0].article_ids) == 2
        dated = {a.url: (a.published, a.published_evidence) for a in store.articles(stories[0].article_ids)}
        assert dated == {"https://courier.example/ferry-1": ("2026-12-07T08:10:00+00:00", "feed entry date"),
                         "https://courier.example/ferry-2": (None, None)}  # the feed gave no date: none invented
        assert web.hooks and web.hooks[0]["event"] == "articles"
