"""The Fetcher: SSRF guard (literal, numeric and resolved addresses, redirects), limits, robots.txt, 304, backoff."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from storyline.exceptions import FetchError, FetchRefused, InputError
from storyline.settings import FetchSettings
from storyline.sources.addresses import parse_ipv4
from storyline.sources.web import USER_AGENT, Fetcher, backoff

PUBLIC = "93.184.216.34"
NAMES = {"news.example": [PUBLIC], "inside.example": ["10.0.0.7"], "loop6.example": ["::1"],
         "meta.example": ["169.254.169.254"], "mixed.example": [PUBLIC, "192.168.1.1"],
         "mapped.example": ["::ffff:127.0.0.1"]}
PAGE = "<html><head><title>Harbour</title></head><body><p>The Quillon harbour reopened.</p></body></html>"


def resolve(host):
    return NAMES.get(host, [])


class Clock:
    def __init__(self):
        self.now = 0.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def fetcher(handler, clock=None, **settings):
    clock = clock or Clock()
    return Fetcher(FetchSettings(**{"host_interval": 0.0, **settings}), transport=httpx.MockTransport(handler),
                   resolver=resolve, clock=clock, sleep=clock.sleep)


def site(pages, robots=None, seen=None):
    """A mock web: path -> (status, headers, body); robots.txt 404 unless given."""
    def handler(request):
        if seen is not None:
            seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text=robots, headers={"content-type": "text/plain"}) if robots else httpx.Response(404)
        if request.method == "POST":
            return httpx.Response(204)
        status, headers, body = pages.get(request.url.path, (404, {}, b""))
        return httpx.Response(status, headers=headers, content=body)
    return handler


HTML = {"content-type": "text/html; charset=utf-8"}


def test_fetch_returns_text_type_and_final_url_and_connects_to_the_checked_address():
    seen = []
    f = fetcher(site({"/a": (200, HTML, PAGE.encode())}, seen=seen))
    text, media_type, final = f.fetch("http://news.example/a")
    assert "Quillon" in text and media_type == "text/html" and final == "http://news.example/a"
    request = seen[-1]
    assert request.url.host == PUBLIC and request.headers["host"] == "news.example"
    assert request.headers["user-agent"] == USER_AGENT and USER_AGENT.startswith("Storyline/")


def test_the_user_agent_names_the_operators_contact_when_set():
    seen = []
    f = fetcher(site({"/a": (200, HTML, PAGE.encode())}, seen=seen), contact="mailto:desk@courier.example")
    f.fetch("http://news.example/a")
    assert seen[-1].headers["user-agent"] == f"{USER_AGENT} (+mailto:desk@courier.example)"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/", "http://169.254.169.254/latest",
    "http://[::1]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/",
    "http://224.0.0.1/", "http://240.0.0.1/", "http://100.64.0.1/", "http://[64:ff9b::a00:1]/",
    "http://2130706433/", "http://0x7f000001/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/",
    "http://3232235777/",  # 192.168.1.1
    "http://inside.example/", "http://loop6.example/", "http://meta.example/", "http://mixed.example/",
    "http://mapped.example/", "http://metadata.google.internal/computeMetadata/v1/",
])
def test_private_and_metadata_addresses_are_refused(url):
    calls = []
    f = fetcher(lambda r: calls.append(r) or httpx.Response(200, headers=HTML, content=b"x"))
    with pytest.raises(FetchRefused) as e:
        f.get(url)
    assert e.value.reason in ("private-address", "invalid-host", "invalid-url") and isinstance(e.value, InputError)
    assert not calls  # refused before any request


def test_numeric_forms_read_like_a_c_resolver():
    assert str(parse_ipv4("2130706433")) == "127.0.0.1"
    assert str(parse_ipv4("0x7f.0.0.1")) == "127.0.0.1"
    assert str(parse_ipv4("10.1")) == "10.0.0.1"
    assert parse_ipv4("news.example") is None
    with pytest.raises(FetchRefused):
        parse_ipv4("1.2.3.999")


@pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "http://user:pw@news.example/", "news"])
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(FetchRefused, match="invalid-url"):
        fetcher(lambda r: httpx.Response(200)).get(url)


def test_a_redirect_to_a_private_address_is_refused():
    pages = {"/a": (302, {"location": "http://10.0.0.1/admin"}, b""), "/b": (301, {"location": "http://inside.example/"}, b"")}
    f = fetcher(site(pages))
    for path in ("/a", "/b"):
        with pytest.raises(FetchRefused, match="private-address"):
            f.get(f"http://news.example{path}")


def test_redirects_are_followed_and_capped():
    chain = {f"/{i}": (302, {"location": f"/{i + 1}"}, b"") for i in range(10)}
    f = fetcher(site({**chain, "/3": (200, HTML, PAGE.encode())}))
    assert f.get("http://news.example/0").url == "http://news.example/3"
    with pytest.raises(FetchError, match="too-many-redirects"):
        fetcher(site(chain)).get("http://news.example/4")


def test_size_cap_stops_reading():
    class Endless(httpx.SyncByteStream):
        served = 0

        def __iter__(self):
            while True:
                Endless.served += 1000
                yield b"x" * 1000

    f = fetcher(lambda r: httpx.Response(200, headers={"content-type": "text/plain"}, stream=Endless())
                if r.url.path != "/robots.txt" else httpx.Response(404), max_bytes=50_000)
    with pytest.raises(FetchError, match="too-large"):
        f.get("http://news.example/big")
    assert Endless.served <= 51_000
    declared = fetcher(site({"/d": (200, {**HTML, "content-length": "999999999"}, b"")}), max_bytes=1000)
    with pytest.raises(FetchError, match="too-large"):
        declared.get("http://news.example/d")


def test_timeouts_are_transient_errors():
    def slow(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        raise httpx.ReadTimeout("no data", request=request)

    with pytest.raises(FetchError) as e:
        fetcher(slow).get("http://news.example/slow")
    assert e.value.reason == "timeout" and e.value.transient

    clock = Clock()

    class Drip(httpx.SyncByteStream):
        def __iter__(self):
            for _ in range(100):
                clock.now += 1.0
                yield b"x"

    f = fetcher(lambda r: httpx.Response(200, headers={"content-type": "text/plain"}, stream=Drip())
                if r.url.path != "/robots.txt" else httpx.Response(404), clock=clock, total_timeout=10)
    with pytest.raises(FetchError, match="timeout"):
        f.get("http://news.example/drip")


def test_content_type_is_checked():
    f = fetcher(site({"/img": (200, {"content-type": "image/png"}, b"\x89PNG")}))
    with pytest.raises(FetchError, match="unsupported-type"):
        f.get("http://news.example/img")


def test_declared_charset_is_used():
    body = "<p>Zażółć gęślą jaźń</p>".encode("iso-8859-2")
    f = fetcher(site({"/pl": (200, {"content-type": "text/html; charset=ISO-8859-2"}, body)}))
    assert "Zażółć" in f.fetch("http://news.example/pl")[0]


def test_robots_txt_is_respected_and_cached_per_host():
    seen = []
    f = fetcher(site({"/news/a": (200, HTML, PAGE.encode())}, robots="User-agent: *\nDisallow: /private/\n", seen=seen))
    assert f.get("http://news.example/news/a").status == 200
    with pytest.raises(FetchRefused, match="robots-disallowed"):
        f.get("http://news.example/private/b")
    assert [r.url.path for r in seen].count("/robots.txt") == 1


def test_robots_server_error_disallows_for_a_while():
    def handler(request):
        return httpx.Response(503) if request.url.path == "/robots.txt" else httpx.Response(200, headers=HTML, content=b"x")

    with pytest.raises(FetchRefused, match="robots-disallowed"):
        fetcher(handler).get("http://news.example/a")


def test_per_host_interval_waits_between_requests():
    clock = Clock()
    f = fetcher(site({"/a": (200, HTML, b"<p>a</p>")}), clock=clock, host_interval=2.0)
    f.get("http://news.example/a")  # robots.txt, then the page: one wait
    f.get("http://news.example/a")  # one more
    assert clock.slept == [2.0, 2.0]
    f.post_json("http://news.example/hook", {})  # webhooks were asked for: they do not wait their turn
    assert clock.slept == [2.0, 2.0]


def test_conditional_get_and_304():
    seen = []

    def handler(request):
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"etag": '"v1"'})
        return httpx.Response(200, headers={**HTML, "etag": '"v1"', "last-modified": "Mon, 07 Dec 2026 10:00:00 GMT"},
                              content=b"<p>x</p>")

    f = fetcher(handler)
    first = f.get("http://news.example/feed")
    assert first.etag == '"v1"' and first.last_modified.startswith("Mon")
    again = f.get("http://news.example/feed", etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    assert seen[-1].headers["if-modified-since"] == first.last_modified


def test_server_errors_carry_backoff_information():
    f = fetcher(site({"/busy": (503, {"retry-after": "120"}, b""), "/gone": (404, {}, b"")}))
    with pytest.raises(FetchError) as e:
        f.get("http://news.example/busy")
    assert e.value.reason == "http-503" and e.value.transient and e.value.retry_after == 120
    with pytest.raises(FetchError) as e:
        f.get("http://news.example/gone")
    assert not e.value.transient
    s = FetchSettings(backoff_base=60, backoff_max=3600)
    assert [backoff(n, s) for n in (1, 2, 3, 10)] == [60, 120, 240, 3600]
    assert backoff(1, s, retry_after=600) == 600


def test_webhook_post_is_guarded_too():
    posted = []

    def handler(request):
        posted.append(request)
        return httpx.Response(204)

    f = fetcher(handler)
    assert f.post_json("https://news.example/hook", {"watch": 1}) == 204
    assert posted[0].headers["content-type"] == "application/json" and posted[0].extensions["sni_hostname"] == "news.example"
    with pytest.raises(FetchRefused):
        f.post_json("http://169.254.169.254/hook", {"watch": 1})


# --- a real server on 127.0.0.1: refused by default, fetched with allow_private ------------------------------

class _Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/robots.txt":
            self.send_response(404)
            self.end_headers()
            return
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_local_server_needs_allow_private(local_server):
    with Fetcher(FetchSettings(host_interval=0)) as f, pytest.raises(FetchRefused, match="private-address"):
        f.get(local_server + "/a")
    with Fetcher(FetchSettings(host_interval=0, allow_private=True)) as f:
        text, media_type, final = f.fetch(local_server + "/a")
    assert "Quillon" in text and media_type == "text/html" and final == local_server + "/a"


def test_a_slow_local_server_times_out(local_server):
    settings = FetchSettings(host_interval=0, allow_private=True, read_timeout=0.2)
    with Fetcher(settings) as f, pytest.raises(FetchError) as e:
        f.get(local_server + "/slow")
    assert e.value.reason == "timeout" and e.value.transient


def test_connect_timeouts_are_transient_too():
    def unreachable(request):
        raise httpx.ConnectTimeout("no route", request=request)

    with pytest.raises(FetchError) as e:
        fetcher(unreachable).get("http://news.example/a")
    assert e.value.transient and e.value.reason == "timeout"
