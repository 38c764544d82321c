"""FeedService: add/list/remove, polls due feeds, submits new entries once, 304s, backoff on errors."""

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from sqlalchemy import inspect

from storyline.app.feeds import FeedService
from storyline.exceptions import (
    Conflict,
    FetchRefused,
    InputError,
    NotFound,
    StorylineError,
)
from storyline.settings import FetchSettings
from storyline.sources.web import Fetcher
from storyline.store import Store
from storyline.store.schema import metadata

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def rss(*links):
    items = "".join(f"<item><title>Report {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Quillon Courier</title>{items}</channel></rss>'.encode()


class Web:
    """A scripted site: each GET of /feed.xml takes the next response; records conditional headers."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests = []

    def __call__(self, request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        self.requests.append(request)
        return self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]


def feed_response(body, etag=None):
    headers = {"content-type": "application/rss+xml"}
    if etag:
        headers["etag"] = etag
    return httpx.Response(200, headers=headers, content=body)


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def service(store, web, submitted, **settings):
    fetch_settings = FetchSettings(**{"host_interval": 0.0, "backoff_base": 600, **settings})
    fetcher = Fetcher(fetch_settings, transport=httpx.MockTransport(web), resolver=lambda host: ["93.184.216.34"],
                      sleep=lambda s: None)
    return FeedService(store, fetcher, submitted.append, clock=lambda: T0)


def test_migration_creates_the_tables_schema_py_declares(store):
    tables = inspect(store.engine)
    for name in ("feeds", "feed_entries", "watches", "watch_stories", "watch_deliveries"):
        assert {c["name"] for c in tables.get_columns(name)} == set(metadata.tables[name].columns.keys())


def test_add_list_remove(store):
    feeds = service(store, Web(feed_response(rss())), [])
    feed = feeds.add("https://courier.example/feed.xml")
    assert feed.interval == 1800 and feed.next_poll == T0 and feed.error_count == 0
    assert [f.url for f in feeds.list().items] == ["https://courier.example/feed.xml"]
    with pytest.raises(Conflict):
        feeds.add("https://courier.example/feed.xml")
    feeds.remove(feed.id)
    assert feeds.list().total == 0
    with pytest.raises(NotFound):
        feeds.remove(feed.id)


@pytest.mark.parametrize("url", ["http://10.0.0.5/feed", "file:///etc/passwd", "http://[::1]/feed"])
def test_unfetchable_urls_are_refused_when_added(store, url):
    with pytest.raises(FetchRefused):
        service(store, Web(feed_response(rss())), []).add(url)


def test_interval_is_bounded(store):
    with pytest.raises(InputError, match="interval"):
        service(store, Web(feed_response(rss())), []).add("https://courier.example/feed.xml", interval=5)


def test_poll_submits_new_entries_once_and_honours_the_schedule(store):
    web = Web(feed_response(rss("https://courier.example/a", "https://courier.example/b")),
              feed_response(rss("https://courier.example/b", "https://courier.example/c")))
    submitted = []
    feeds = service(store, web, submitted)
    feed = feeds.add("https://courier.example/feed.xml", interval=600)
    first = feeds.poll_due(T0)
    assert first.polled == 1 and first.submitted == 2
    assert [i["url"] for i in submitted[0]] == ["https://courier.example/a", "https://courier.example/b"]
    assert submitted[0][0]["title"] == "Report 0"
    assert feeds.poll_due(T0 + timedelta(seconds=599)).polled == 0  # not due yet
    second = feeds.poll_due(T0 + timedelta(seconds=600))
    assert second.submitted == 1 and [i["url"] for i in submitted[1]] == ["https://courier.example/c"]
    third = feeds.poll_due(T0 + timedelta(seconds=1200))  # the same feed again: nothing new
    assert third.polled == 1 and third.submitted == 0 and len(submitted) == 2
    stored = feeds.get(feed.id)
    assert stored.title == "Quillon Courier" and stored.next_poll == T0 + timedelta(seconds=1800)


def test_conditional_get_and_304(store):
    web = Web(feed_response(rss("https://courier.example/a"), etag='"v1"'), httpx.Response(304))
    submitted = []
    feeds = service(store, web, submitted)
    feed = feeds.add("https://courier.example/feed.xml", interval=600)
    feeds.poll_due(T0)
    result = feeds.poll_due(T0 + timedelta(seconds=600))
    assert result.not_modified == 1 and len(submitted) == 1
    assert web.requests[-1].headers["if-none-match"] == '"v1"'
    assert feeds.get(feed.id).etag == '"v1"'  # kept through the 304


def test_errors_back_off_exponentially_and_recover(store):
    web = Web(httpx.Response(500), httpx.Response(500), feed_response(rss("https://courier.example/a")))
    submitted = []
    feeds = service(store, web, submitted)
    feed = feeds.add("https://courier.example/feed.xml", interval=60)
    feeds.poll_due(T0)
    after_one = feeds.get(feed.id)
    assert after_one.error_count == 1 and "http-500" in after_one.last_error
    assert after_one.next_poll == T0 + timedelta(seconds=600)
    feeds.poll_due(after_one.next_poll)
    after_two = feeds.get(feed.id)
    assert after_two.error_count == 2 and after_two.next_poll == after_one.next_poll + timedelta(seconds=1200)
    result = feeds.poll_due(after_two.next_poll)
    healed = feeds.get(feed.id)
    assert result.submitted == 1 and healed.error_count == 0 and healed.last_error is None


def test_a_page_that_is_no_feed_counts_as_a_failure(store):
    web = Web(httpx.Response(200, headers={"content-type": "text/html"}, content=b"<html><p>Hello</p></html>"))
    feeds = service(store, web, [])
    feed = feeds.add("https://courier.example/feed.xml")
    result = feeds.poll_due(T0)
    assert result.failed == 1 and "not-a-feed" in feeds.get(feed.id).last_error


def test_a_refused_hand_over_is_retried_next_poll(store):
    calls = []

    def submit(items):
        calls.append(items)
        if len(calls) == 1:
            raise StorylineError("queue unavailable")

    web = Web(feed_response(rss("https://courier.example/a")))
    fetch_settings = FetchSettings(host_interval=0.0, backoff_base=60)
    fetcher = Fetcher(fetch_settings, transport=httpx.MockTransport(web), resolver=lambda h: ["93.184.216.34"])
    feeds = FeedService(store, fetcher, submit, clock=lambda: T0)
    feed = feeds.add("https://courier.example/feed.xml", interval=60)
    assert feeds.poll_due(T0).failed == 1
    feeds.poll_due(feeds.get(feed.id).next_poll)
    assert [c[0]["url"] for c in calls] == ["https://courier.example/a"] * 2


def test_run_polls_until_stopped(store):
    stop = threading.Event()
    submitted = []
    feeds = service(store, Web(feed_response(rss("https://courier.example/a"))), submitted)
    feeds.add("https://courier.example/feed.xml")

    def submit(items):
        submitted.append(items)
        stop.set()

    feeds.submit = submit
    thread = threading.Thread(target=feeds.run, args=(stop, 0.01))
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive() and len(submitted) == 1


def test_feeds_on_one_host_are_polled_a_host_interval_apart(store):
    slept = []
    web = Web(feed_response(rss("https://courier.example/a")))
    fetcher = Fetcher(FetchSettings(host_interval=1.5), transport=httpx.MockTransport(web),
                      resolver=lambda host: ["93.184.216.34"], clock=lambda: 0.0, sleep=slept.append)
    feeds = FeedService(store, fetcher, lambda items: None, clock=lambda: T0)
    feeds.add("https://courier.example/one.xml")
    feeds.add("https://courier.example/two.xml")
    assert feeds.poll_due(T0).polled == 2
    assert slept == [1.5, 3.0]  # robots.txt, then each feed a slot later (the fake clock stands still)


# --- against a real server on 127.0.0.1 (allowed explicitly): a feed that changes, a 304, a 500 ----------------

class _FeedSite(BaseHTTPRequestHandler):
    version = 1
    fail = False

    def do_GET(self):
        site = type(self)
        if self.path != "/feed.xml":
            self.send_response(404)
            self.end_headers()
            return
        if site.fail:
            self.send_response(500)
            self.end_headers()
            return
        etag = f'"v{site.version}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        body = rss(*(f"https://courier.example/{n}" for n in range(site.version)))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


def test_polling_a_local_server(store):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    submitted = []
    try:
        with Fetcher(FetchSettings(host_interval=0.0, allow_private=True, backoff_base=600)) as fetcher:
            feeds = FeedService(store, fetcher, submitted.append, clock=lambda: T0)
            feed = feeds.add(f"http://127.0.0.1:{server.server_port}/feed.xml", interval=60)
            _FeedSite.version = 1
            assert feeds.poll_due(T0).submitted == 1
            assert feeds.poll_due(T0 + timedelta(minutes=1)).not_modified == 1
            _FeedSite.version = 3  # two new entries
            assert feeds.poll_due(T0 + timedelta(minutes=2)).submitted == 2
            _FeedSite.fail = True
            assert feeds.poll_due(T0 + timedelta(minutes=3)).failed == 1
            assert feeds.get(feed.id).next_poll == T0 + timedelta(minutes=3, seconds=600)
    finally:
        _FeedSite.fail = False
        server.shutdown()
        server.server_close()
    assert [len(items) for items in submitted] == [1, 2]
