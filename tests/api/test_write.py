"""POST/DELETE articles, queue status, revisions and exports, through the API with a worker and stand-in models."""

import csv
import io
import json
import time

import pytest
from fastapi.testclient import TestClient
from submissions import GLACIER, PAGE, make_services

from storyline.api import Services, create_app
from storyline.export.document import validate
from storyline.settings import Settings
from storyline.store import Store


@pytest.fixture
def api(store_url):
    services = make_services(store_url)
    with TestClient(create_app(services)) as client:
        yield client
    services.store.close()


def test_post_waits_and_returns_articles_with_the_story_each_joined(api):
    r = api.post("/api/v1/articles?wait=20", json={"items": [{"text": GLACIER[0], "outlet": "Vennholm Courier",
                                                              "published": "2026-05-12"}, {"text": GLACIER[1]}]})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["state"] for i in items] == ["done", "done"]
    assert items[0]["story_id"] == items[1]["story_id"]
    story = api.get(f"/api/v1/stories/{items[0]['story_id']}").json()
    assert sorted(story["article_ids"]) == sorted(i["article_id"] for i in items)
    assert api.get(f"/api/v1/queue/{items[0]['queue_id']}").json()["article_id"] == items[0]["article_id"]
    assert api.get(f"/api/v1/articles/{items[0]['article_id']}").json()["outlet"] == "Vennholm Courier"


def test_url_submission_revisions_and_delete(api):
    r = api.post("/api/v1/articles?wait=20", json={"url": "https://vennholm.example/road"})
    item = r.json()["items"][0]
    assert item["state"] == "done", item
    revisions = api.get(f"/api/v1/articles/{item['article_id']}/revisions").json()["items"]
    assert len(revisions) == 1 and revisions[0]["current"] and "gravel" in revisions[0]["text"]
    again = api.post("/api/v1/articles?wait=20", json={"url": "https://vennholm.example/road"}).json()["items"][0]
    assert again["article_id"] == item["article_id"] and "unchanged" in again["reason"]
    assert api.delete(f"/api/v1/articles/{item['article_id']}").json()["deleted"] == item["article_id"]
    assert api.get(f"/api/v1/articles/{item['article_id']}").status_code == 404
    assert api.delete(f"/api/v1/articles/{item['article_id']}").status_code == 404
    deadline = time.monotonic() + 20  # the worker, woken by the delete, rebuilds the story: here, removes it
    while api.get(f"/api/v1/stories/{item['story_id']}").status_code != 404 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert api.get(f"/api/v1/stories/{item['story_id']}").status_code == 404


def test_without_wait_the_answer_is_202_with_queue_ids(tmp_path):
    services = Services(store=Store(f"sqlite:///{tmp_path / 'q.db'}"), settings=Settings())  # no worker
    with TestClient(create_app(services)) as client:
        r = client.post("/api/v1/articles", json={"html": PAGE, "title": "Road", "source": "courier"})
        assert r.status_code == 202
        (item,) = r.json()["items"]
        assert item["state"] == "queued" and item["article_id"] is None
        assert client.get(f"/api/v1/queue/{item['queue_id']}").json()["state"] == "queued"
        assert client.get("/api/v1/queue/999").status_code == 404


def test_a_resubmission_with_the_same_idempotency_key_queues_nothing_twice(store_url):
    services = Services(store=Store(store_url), settings=Settings())  # no worker: the items stay queued
    with TestClient(create_app(services)) as client:
        body = {"items": [{"text": GLACIER[0]}, {"html": PAGE, "title": "Road"}]}
        first = client.post("/api/v1/articles", json=body, headers={"Idempotency-Key": "req-1"})
        again = client.post("/api/v1/articles", json=body, headers={"Idempotency-Key": "req-1"})
        assert first.status_code == again.status_code == 202
        ids = [i["queue_id"] for i in first.json()["items"]]
        assert [i["queue_id"] for i in again.json()["items"]] == ids
        assert services.store.queue.waiting() == 2
        other = client.post("/api/v1/articles", json={"text": GLACIER[1]}, headers={"Idempotency-Key": "req-1"})
        assert other.status_code == 422 and "different request" in other.json()["detail"]
        fresh = client.post("/api/v1/articles", json=body, headers={"Idempotency-Key": "req-2"})
        assert fresh.status_code == 202 and services.store.queue.waiting() == 4
        assert client.post("/api/v1/articles", json=body, headers={"Idempotency-Key": ""}).status_code == 422
    services.store.close()


@pytest.mark.parametrize(("body", "message"), [
    ({"text": GLACIER[0], "url": "https://x.example/"}, "exactly one"),
    ({"title": "nothing else"}, "exactly one"),
    ({"text": "   "}, "empty"),
    ({"html": "<p>\x00\x01</p>"}, "binary"),
    ({"url": "ftp://files.example/a.txt"}, "only http and https"),
    ({"url": "https://"}, "no host"),
    ({"text": GLACIER[0], "published": "last Tuesday"}, "ISO 8601"),
    ({"text": GLACIER[0], "colour": "red"}, "colour"),
    ({"items": [{"text": GLACIER[0]}] * 101}, "100"),
    ({"items": [{"text": GLACIER[0]}, {"url": "mailto:a@b.example"}]}, "item 1"),
])
def test_bad_submissions_get_a_clear_422(tmp_path, body, message):
    services = Services(store=Store(f"sqlite:///{tmp_path / 'q.db'}"), settings=Settings())
    with TestClient(create_app(services)) as client:
        r = client.post("/api/v1/articles", json=body)
        assert r.status_code == 422 and message in r.text, r.text
        assert services.store.queue.waiting() == 0


def test_too_large_items_and_bodies_get_413(tmp_path):
    services = Services(store=Store(f"sqlite:///{tmp_path / 'q.db'}"),
                        settings=Settings(max_item_bytes=1000, max_request_bytes=5000))
    with TestClient(create_app(services)) as client:
        r = client.post("/api/v1/articles", json={"text": "word " * 300})
        assert r.status_code == 413 and "1000" not in r.text and "MB" in r.text
        r = client.post("/api/v1/articles", content=json.dumps({"text": "word " * 2000}),
                        headers={"content-type": "application/json"})
        assert r.status_code == 413 and "request body" in r.text

        def chunked():  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"x" * 1000

        assert client.post("/api/v1/articles", content=chunked()).status_code == 413


def test_writes_need_the_token_when_one_is_set(tmp_path):
    services = make_services(f"sqlite:///{tmp_path / 't.db'}", token="s3cret")
    with TestClient(create_app(services)) as client:
        assert client.post("/api/v1/articles", json={"text": GLACIER[0]}).status_code == 401
        assert client.delete("/api/v1/articles/abc").status_code == 401
        ok = client.post("/api/v1/articles", json={"text": GLACIER[0]}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code in (200, 202)


def test_exports_of_a_story_and_of_articles(api):
    items = api.post("/api/v1/articles?wait=20", json={"items": [{"text": t, "outlet": o} for t, o in
                                                              zip(GLACIER, ["Courier", "Ledger"])]}).json()["items"]
    story_id = items[0]["story_id"]
    doc = api.get(f"/api/v1/stories/{story_id}/export").json()
    validate(doc)
    assert [s["id"] for s in doc["stories"]] == [story_id] and len(doc["articles"]) == 2
    md = api.get(f"/api/v1/stories/{story_id}/export?format=markdown")
    assert md.headers["content-type"].startswith("text/markdown") and "# Storyline report" in md.text
    claims = api.get(f"/api/v1/stories/{story_id}/export?format=csv-claims")
    assert claims.headers["content-type"].startswith("text/csv")
    assert next(csv.reader(io.StringIO(claims.text)))[:3] == ["story_id", "claim", "status"]
    assert api.get(f"/api/v1/stories/{story_id}/export?format=pdf").status_code == 422
    assert api.get("/api/v1/stories/nope/export").status_code == 404
    listing = api.get(f"/api/v1/articles/export.csv?story_id={story_id}&limit=1")
    rows = list(csv.DictReader(io.StringIO(listing.text)))
    assert len(rows) == 1 and rows[0]["story_id"] == story_id
    assert listing.headers["x-total-count"] == "2" and listing.headers["x-next-offset"] == "1"


def test_claims_csv_has_one_row_per_claim_and_source_and_defuses_formulas():
    from storyline.export.csv import claims_csv
    from storyline.model import Article, Claim, Story

    a = Article(id="a1", source="s", raw="", format="text", outlet="=HYPERLINK(\"x\")", url="https://a.example/1")
    b = Article(id="b1", source="s", raw="", format="text", outlet="Ledger")
    story = Story(id="st", title="t", article_ids=["a1", "b1"], independent_sources=2, first_published=None,
                  last_published=None, claims=[Claim("40,000 cubic metres", "conflicting", {"a1": "40,000", "b1": "55,000"},
                                                     ["a1", "b1"], "2026-05-12", "water")])
    rows = list(csv.DictReader(io.StringIO(claims_csv(story, [a, b]))))
    assert [(r["article_id"], r["value"], r["status"]) for r in rows] == [("a1", "40,000", "conflicting"),
                                                                          ("b1", "55,000", "conflicting")]
    assert rows[0]["outlet"].startswith("'=") and rows[0]["url"] == "https://a.example/1"


def test_openapi_documents_the_request_bodies(api):
    spec = api.get("/openapi.json").json()
    assert {"ArticleIn", "ArticleBatch"} <= set(spec["components"]["schemas"])
    assert "post" in spec["paths"]["/api/v1/articles"] and "delete" in spec["paths"]["/api/v1/articles/{article_id}"]
