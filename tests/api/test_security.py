"""Security checks over the whole app (RELIABILITY.md, "Security"): the security headers on every kind of answer,
the token on every write route (found from ``app.routes``, so a new route cannot be forgotten), and the request
body cap on every write route, with and without a Content-Length."""

import re

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from schema_app import TOKEN, build_app

from storyline.api.app import CSP

READS = {"GET", "HEAD", "OPTIONS"}
CAP = 4000  # bytes: the request body cap of the app under test
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def app_and_store(tmp_path):
    app, store = build_app(f"sqlite:///{tmp_path / 'security.db'}", max_request_bytes=CAP, max_item_bytes=CAP // 2)
    yield app, store
    store.close()


@pytest.fixture
def client(app_and_store):
    with TestClient(app_and_store[0], raise_server_exceptions=False) as c:
        yield c


def write_routes(app) -> list[tuple[str, str]]:
    """(method, path template) of every route that changes something: all but GET, HEAD and OPTIONS (with the
    prefixes of included routers: ``iter_route_contexts`` walks them)."""
    return sorted((method, route.path) for route in iter_route_contexts(app.routes) for method in route.methods or ()
                  if method not in READS)


def test_the_write_routes_are_the_known_ones(app_and_store):
    """A new write route must join the token and body-cap checks below: listed here so its author looks."""
    assert write_routes(app_and_store[0]) == [
        ("DELETE", "/api/v1/articles/{article_id}"), ("DELETE", "/api/v1/feeds/{feed_id}"),
        ("DELETE", "/api/v1/watches/{watch_id}"), ("POST", "/api/v1/articles"), ("POST", "/api/v1/feeds"),
        ("POST", "/api/v1/watches"), ("POST", "/feeds"), ("POST", "/feeds/{feed_id}/remove"), ("POST", "/watches"),
        ("POST", "/watches/{watch_id}/remove")]


def _existing(client, store) -> dict[str, str]:
    """Real ids for the path parameters, so a write that slipped past the token would show in the store."""
    feed = client.post("/api/v1/feeds", json={"url": "https://news.example/feed.xml"}, headers=AUTH).json()
    watch = client.post("/api/v1/watches", json={"webhook": "https://hooks.example/in", "query": "dam"},
                        headers=AUTH).json()
    return {"article_id": store.stories().items[0].article_ids[0], "feed_id": str(feed["id"]),
            "watch_id": str(watch["id"])}


def _state(app) -> tuple:
    """What a write could change: stories and their articles, the queue, feeds, watches."""
    services = app.state.services
    stories = services.store.stories(limit=100).items
    return (len(stories), sorted(a for s in stories for a in s.article_ids), services.store.queue.waiting(),
            [f.url for f in services.feeds.list(0, 100).items], [w.webhook for w in services.watches.list(0, 100).items])


BODIES = {  # a request each route would act on, were it authorised
    "/api/v1/articles": {"json": {"text": "Kessel dam opened\n\nThe Kessel dam gates opened on Friday."}},
    "/api/v1/feeds": {"json": {"url": "https://other.example/feed.xml"}},
    "/api/v1/watches": {"json": {"webhook": "https://hooks.example/two", "query": "market"}},
    "/feeds": {"data": {"url": "https://other.example/feed.xml"}},
    "/watches": {"data": {"webhook": "https://hooks.example/two", "query": "market"}},
}


@pytest.mark.parametrize("credentials", [{}, {"Authorization": "Bearer wrong-token"},
                                         {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}],
                         ids=["none", "wrong", "other-scheme", "no-scheme"])
def test_every_write_route_refuses_a_missing_or_wrong_token(client, app_and_store, credentials):
    app, store = app_and_store
    ids = _existing(client, store)
    before = _state(app)
    for method, template in write_routes(app):
        path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)
        body = dict(BODIES.get(template, {}))
        if template.startswith("/api/"):
            response = client.request(method, path, headers=credentials, **body)
        else:  # a web form carries the token in a field (or a cookie), never in a header
            wrong = {"token": "wrong-token"} if credentials else {}
            response = client.request(method, path, data={**body.get("data", {}), **wrong})
        assert response.status_code == 401, (method, path, response.status_code, response.text[:200])
    assert _state(app) == before


def test_web_forms_refuse_a_wrong_token_cookie(client, app_and_store):
    ids = _existing(client, app_and_store[1])
    client.cookies.set("storyline_token", "wrong-token")
    assert client.post(f"/feeds/{ids['feed_id']}/remove").status_code == 401
    given = client.post("/feeds", data={"url": "https://other.example/f.xml", "token": TOKEN}, follow_redirects=False)
    assert given.status_code == 303


def test_every_write_route_caps_the_request_body(client, app_and_store):
    app, store = app_and_store
    ids = _existing(client, store)
    before = _state(app)
    big = b"x" * (CAP + 1)

    def chunked():  # no Content-Length: the cap counts what arrives
        for start in range(0, len(big), 1000):
            yield big[start:start + 1000]

    for method, template in write_routes(app):
        path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)
        declared = client.request(method, path, content=big, headers={**AUTH, "content-type": "application/json"})
        assert declared.status_code == 413 and "request body" in declared.json()["detail"], (method, path)
        streamed = client.request(method, path, content=chunked(), headers={**AUTH, "content-type": "application/json"})
        assert streamed.status_code == 413, (method, path, streamed.status_code)
        lying = client.request(method, path, content=big, headers={**AUTH, "content-length": "12"})
        assert lying.status_code in (400, 413, 422), (method, path, lying.status_code)
    assert _state(app) == before


def test_an_article_over_the_item_cap_is_413_even_in_a_small_request(client):
    response = client.post("/api/v1/articles", json={"text": "word " * (CAP // 10 + 1)}, headers=AUTH)
    assert response.status_code == 413 and "the text of an article" in response.json()["detail"]


def _headers_ok(response) -> None:
    assert response.headers.get("content-security-policy") == CSP, (response.request.url, response.status_code)
    assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP and "object-src 'none'" in CSP
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("x-frame-options") == "DENY"


def test_security_headers_on_every_kind_of_answer(client, app_and_store):
    store = app_and_store[1]
    article = store.stories().items[0].article_ids[0]
    answers = {
        "api": client.get("/api/v1/stories"), "openapi": client.get("/openapi.json"),
        "page": client.get("/"), "article page": client.get(f"/articles/{article}"),
        "static css": client.get("/static/web.css"), "static js": client.get("/static/web.js"),
        "export": client.get("/api/v1/articles/export.csv"),
        "api 404": client.get("/api/v1/stories/nope"), "page 404": client.get("/stories/nope"),
        "static 404": client.get("/static/nope.js"), "no docs 404": client.get("/docs"), "unknown path 404": client.get("/no/such/path"),
        "405": client.put("/api/v1/stories"), "422": client.get("/api/v1/stories", params={"limit": 0}),
        "401": client.post("/api/v1/feeds", json={"url": "https://news.example/f"}),
        "413": client.post("/api/v1/articles", content=b"x" * (CAP + 1), headers=AUTH),
        "form 401": client.post("/feeds", data={"url": "https://news.example/f"}),
        "redirect 303": client.post("/feeds", data={"url": "https://news.example/g", "token": TOKEN},
                                    follow_redirects=False),
    }
    expected = {"405": 405, "422": 422, "401": 401, "413": 413, "form 401": 401, "redirect 303": 303}
    for name, response in answers.items():
        wanted = expected.get(name, 404 if "404" in name else 200)
        assert response.status_code == wanted, (name, response.status_code)
        _headers_ok(response)


def test_security_headers_on_a_server_error(client, app_and_store, monkeypatch):
    services = app_and_store[0].state.services

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services.queries, "stories", broken)
    for path in ("/api/v1/stories", "/"):
        response = client.get(path)
        assert response.status_code == 500 and "database" not in response.text  # no internals in the answer
        _headers_ok(response)
