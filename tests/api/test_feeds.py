"""Feeds and watches endpoints: token on writes, paging, clear 4xx for unsafe URLs, 404, 409, 503 when off."""

import pytest
from fastapi.testclient import TestClient

from storyline.api import create_app

TOKEN = {"Authorization": "Bearer s3cret"}


@pytest.fixture
def api(full_services):
    with TestClient(create_app(full_services)) as c:
        yield c


def test_feeds_add_list_remove(api):
    created = api.post("/api/v1/feeds", json={"url": "https://courier.example/feed.xml", "interval": 900}, headers=TOKEN)
    assert created.status_code == 201
    feed = created.json()
    assert feed["url"] == "https://courier.example/feed.xml" and feed["interval"] == 900 and feed["error_count"] == 0
    api.post("/api/v1/feeds", json={"url": "https://gazette.example/atom"}, headers=TOKEN)
    page = api.get("/api/v1/feeds", params={"limit": 1}).json()
    assert page["total"] == 2 and page["next_offset"] == 1 and page["items"][0]["id"] == feed["id"]
    assert api.delete(f"/api/v1/feeds/{feed['id']}", headers=TOKEN).status_code == 204
    assert api.get("/api/v1/feeds").json()["total"] == 1
    missing = api.delete(f"/api/v1/feeds/{feed['id']}", headers=TOKEN)
    assert missing.status_code == 404 and "no feed with id" in missing.json()["detail"]


def test_feed_errors_are_clear(api):
    url = {"url": "https://courier.example/feed.xml"}
    assert api.post("/api/v1/feeds", json=url).status_code == 401  # no token
    assert api.post("/api/v1/feeds", json=url, headers=TOKEN).status_code == 201
    assert api.post("/api/v1/feeds", json=url, headers=TOKEN).status_code == 409
    private = api.post("/api/v1/feeds", json={"url": "http://192.168.1.10/feed"}, headers=TOKEN)
    assert private.status_code == 422 and "private-address" in private.json()["detail"]
    assert api.post("/api/v1/feeds", json={"url": "ftp://x.example/f"}, headers=TOKEN).status_code == 422
    assert api.post("/api/v1/feeds", json={**url, "interval": 1}, headers=TOKEN).status_code == 422
    assert api.delete("/api/v1/feeds/1").status_code == 401


def test_watches_add_list_deliveries_remove(api, services):
    story_id = services.queries.stories().items[0].id
    created = api.post("/api/v1/watches", json={"webhook": "https://hooks.example/in", "story_id": story_id},
                       headers=TOKEN)
    assert created.status_code == 201 and created.json()["story_id"] == story_id
    watch_id = created.json()["id"]
    assert api.get("/api/v1/watches").json()["items"][0]["id"] == watch_id
    assert api.get(f"/api/v1/watches/{watch_id}/deliveries").json()["total"] == 0
    assert api.delete(f"/api/v1/watches/{watch_id}", headers=TOKEN).status_code == 204
    assert api.get(f"/api/v1/watches/{watch_id}/deliveries").status_code == 404


def test_watch_errors_are_clear(api):
    hook = {"webhook": "https://hooks.example/in"}
    assert api.post("/api/v1/watches", json={**hook, "query": "ferry"}).status_code == 401
    assert api.post("/api/v1/watches", json=hook, headers=TOKEN).status_code == 422  # no criterion
    ssrf = api.post("/api/v1/watches", json={"webhook": "http://[::ffff:10.0.0.1]/x", "query": "ferry"}, headers=TOKEN)
    assert ssrf.status_code == 422 and "private-address" in ssrf.json()["detail"]
    assert api.post("/api/v1/watches", json={**hook, "story_id": "nope"}, headers=TOKEN).status_code == 404


def test_without_the_services_the_endpoints_say_so(client):
    assert client.get("/api/v1/feeds").status_code == 503
    assert client.get("/api/v1/watches").status_code == 503
    assert "/api/v1/feeds/{feed_id}" in client.get("/openapi.json").json()["paths"]
