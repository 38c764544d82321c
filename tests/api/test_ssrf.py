"""The SSRF guard through the API (tests/sources/test_web.py tests the Fetcher itself): POST /articles with a URL,
POST /feeds, POST /watches and the web forms refuse loopback, private, link-local and metadata addresses, given
as literals or as names resolving to them; a public URL that redirects there, or a name that resolves elsewhere
when fetched (DNS rebinding), fails when the worker, the feed poll or the webhook call gets there. The network is
an ``httpx.MockTransport`` behind an injected resolver; it records every connection, and none may reach a
non-public address."""

import ipaddress

import httpx
import pytest
from fakes import BagOfWordsEncoder, CapitalisedWords
from fastapi.testclient import TestClient

from storyline.api import Services, create_app
from storyline.app import IngestService
from storyline.settings import FetchSettings, Settings
from storyline.sources.web import Fetcher
from storyline.store import Store

NAMES = {"news.example": ["93.184.216.34"], "hooks.example": ["93.184.216.40"], "localhost": ["127.0.0.1"],
         "intranet.example": ["10.0.0.7"], "mixed.example": ["93.184.216.41", "127.0.0.1"],
         "v6loop.example": ["::1"], "mapped.example": ["::ffff:169.254.169.254"], "linklocal.example": ["169.254.10.20"]}
REFUSED = [  # literals in the forms a C resolver accepts, and names that resolve to such addresses
    "http://127.0.0.1/admin", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
    "http://localhost:8080/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
    "http://10.1.2.3/", "http://172.16.5.4/", "http://192.168.0.1/feed", "http://[fd00::1]/",
    "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://100.100.100.200/",
    "http://metadata.google.internal/computeMetadata/v1/", "http://[fe80::1]/",
    "http://intranet.example/", "http://mixed.example/", "http://v6loop.example/", "http://mapped.example/",
    "http://linklocal.example/",
]
ARTICLE = ("<html><head><title>Kessel dam opens</title></head><body><article><p>The Kessel dam gates opened on "
           "Friday morning. Inspector Tova Brin said the Kessel spillway carried the water safely.</p></article></body>"
           "</html>")
REDIRECTS = {"/to-loopback": "http://127.0.0.1:8080/admin", "/to-metadata": "http://169.254.169.254/latest/meta-data/",
             "/to-intranet": "http://intranet.example/secret", "/to-decimal": "http://2130706433/",
             "/moved-hook": "http://127.0.0.1/hook"}
FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Kessel Courier</title>'
        "<item><title>Inside</title><link>http://10.0.0.9/internal</link></item>"
        "<item><title>Metadata</title><link>http://169.254.169.254/latest/</link></item>"
        "<item><title>Opens</title><link>https://news.example/story</link></item></channel></rss>")


class Web:
    """The mocked internet: every connection is recorded (the address connected to, and the Host header)."""

    def __init__(self):
        self.connections: list[tuple[str, str]] = []
        self.rebind_calls = 0

    def resolve(self, host: str) -> list[str]:
        if host == "rebind.example":  # public when POST /articles checks it, loopback when the worker fetches
            self.rebind_calls += 1
            return ["93.184.216.50"] if self.rebind_calls == 1 else ["127.0.0.1"]
        return NAMES.get(host, ["93.184.216.99"])

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.connections.append((request.url.host, request.headers["host"]))
        path = request.url.path
        if path == "/robots.txt":
            return httpx.Response(404)
        if path in REDIRECTS:
            return httpx.Response(302, headers={"location": REDIRECTS[path]})
        if path == "/feed.xml":
            return httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=FEED.encode())
        if path == "/hook":
            return httpx.Response(204)
        return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=ARTICLE.encode())

    def reached_only_public_addresses(self) -> bool:
        return all(ipaddress.ip_address(host.strip("[]")).is_global for host, _ in self.connections)


@pytest.fixture
def web():
    return Web()


@pytest.fixture
def services(tmp_path, web):
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'ssrf.db'}")
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(web), resolver=web.resolve,
                      sleep=lambda s: None)
    with Store(settings.db_url) as store:
        ingest = IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords())
        services = Services.for_server(store, settings, ingest, fetcher)
        services.background = []  # no feed polling thread: the tests poll when they choose
        yield services


@pytest.fixture
def client(services):
    with TestClient(create_app(services)) as c:
        yield c


def _refused(response) -> bool:
    detail = response.json()["detail"]
    assert response.status_code == 422 and any(why in detail for why in ("private-address", "invalid-")), detail
    return True


@pytest.mark.parametrize("url", REFUSED)
def test_refused_addresses_through_every_api_route(client, services, web, url):
    assert _refused(client.post("/api/v1/articles", json={"url": url}))
    assert _refused(client.post("/api/v1/feeds", json={"url": url}))
    assert _refused(client.post("/api/v1/watches", json={"webhook": url, "query": "dam"}))
    assert services.store.queue.waiting() == 0 and services.feeds.list().total == 0 and services.watches.list().total == 0
    assert web.connections == []  # refused before any request


def test_one_refused_url_refuses_the_whole_batch_and_names_it(client, services):
    response = client.post("/api/v1/articles", json={"items": [{"url": "https://news.example/story"},
                                                               {"url": "http://10.0.0.7/"}]})
    assert response.status_code == 422 and response.json()["detail"].startswith("item 1: ")
    assert services.store.queue.waiting() == 0


def test_redirects_and_rebinding_to_private_addresses_fail_in_the_worker(client, web):
    urls = ["https://news.example/to-loopback", "https://news.example/to-metadata", "https://news.example/to-intranet",
            "https://news.example/to-decimal", "http://rebind.example/news", "https://news.example/story"]
    items = client.post("/api/v1/articles?wait=20", json={"items": [{"url": u} for u in urls]}).json()["items"]
    states = [(item["state"], "private-address" in (item["reason"] or "")) for item in items]
    assert states == [("failed", True)] * 5 + [("done", False)], items
    assert web.rebind_calls == 2 and web.reached_only_public_addresses(), web.connections


def test_a_feed_redirecting_or_linking_to_private_addresses(client, services, web):
    moved = client.post("/api/v1/feeds", json={"url": "https://news.example/to-metadata"})
    assert moved.status_code == 201  # public when added …
    result = services.feeds.poll_due()
    assert result.failed == 1 and "private-address" in result.errors["https://news.example/to-metadata"]
    client.delete(f"/api/v1/feeds/{moved.json()['id']}")
    assert client.post("/api/v1/feeds", json={"url": "https://news.example/feed.xml"}).status_code == 201
    assert services.feeds.poll_due().submitted == 3  # the entries go through the queue, where the worker checks them
    items = services.worker.wait_for([1, 2, 3], timeout=20)
    assert [(i.state, "private-address" in (i.reason or "")) for i in items] == [
        ("failed", True), ("failed", True), ("done", False)], items
    assert web.reached_only_public_addresses(), web.connections


def test_a_webhook_redirect_to_a_private_address_is_not_followed(client, services, web):
    watch = client.post("/api/v1/watches", json={"webhook": "https://hooks.example/moved-hook", "query": "Kessel"})
    assert watch.status_code == 201
    item = client.post("/api/v1/articles?wait=20", json={"url": "https://news.example/story"}).json()["items"][0]
    deliveries = services.watches.articles_added([item["article_id"]])
    assert [(d.status, d.error) for d in deliveries] == [(302, "https://hooks.example/moved-hook: http-302")]
    assert ("93.184.216.40", "hooks.example") in web.connections and web.reached_only_public_addresses()


def test_the_web_forms_refuse_private_addresses_too(client, services, web):
    feed = client.post("/feeds", data={"url": "http://169.254.169.254/latest/"})
    watch = client.post("/watches", data={"webhook": "http://intranet.example/hook", "query": "dam"})
    assert feed.status_code == 422 and "private-address" in feed.text
    assert watch.status_code == 422 and "private-address" in watch.text
    assert services.feeds.list().total == 0 and services.watches.list().total == 0 and web.connections == []
