"""UrlReader: a fetched page becomes a raw article; refusals and feeds are counted drops; no invented dates."""

import httpx

from storyline.engine import Drops
from storyline.settings import FetchSettings
from storyline.sources.urls import UrlReader, is_url
from storyline.sources.web import Fetcher

PAGE = b"<html><head><title>Harbour</title></head><body><p>The Quillon harbour reopened on Monday.</p></body></html>"


def handler(request):
    if request.url.path == "/robots.txt":
        return httpx.Response(404)
    if request.url.path == "/feed":
        return httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=b"<rss/>")
    return httpx.Response(200, headers={"content-type": "text/html"}, content=PAGE)


def fetcher():
    return Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(handler),
                   resolver=lambda host: ["93.184.216.34"])


def test_a_page_becomes_an_article_with_the_feed_date_only():
    drops = Drops()
    [article] = UrlReader("https://courier.example/harbour", fetcher()).read(drops)
    assert article.format == "html" and article.url == article.source == "https://courier.example/harbour"
    assert article.published is None and article.fetched_at  # fetched, but never dated by the fetch
    [dated] = UrlReader("https://courier.example/harbour", fetcher(), published="2026-12-07T08:30:00+00:00",
                        published_evidence="feed entry date").read(drops)
    assert dated.published == "2026-12-07T08:30:00+00:00" and dated.published_evidence == "feed entry date"


def test_refusals_and_feeds_are_counted_drops():
    drops = Drops()
    assert list(UrlReader("http://10.0.0.1/x", fetcher()).read(drops)) == []
    assert list(UrlReader("https://courier.example/feed", fetcher()).read(drops)) == []
    assert drops.as_dict() == {"ingest: private-address": 1, "ingest: not-an-article": 1}


def test_is_url():
    assert is_url("HTTPS://x.example/a") and not is_url("corpus/a.html")
