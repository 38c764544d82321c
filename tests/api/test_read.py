"""Read endpoints: paging envelope, get-one, 404s with a message, search, security headers."""


def test_health_reports_the_schema_revision(client):
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["schema"] == body["schema_head"]


def test_stories_are_paged(client):
    first = client.get("/api/v1/stories", params={"limit": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1 and first["next_offset"] == 1
    last = client.get("/api/v1/stories", params={"limit": 1, "offset": 1}).json()
    assert last["next_offset"] is None
    assert {first["items"][0]["id"], last["items"][0]["id"]} == {s["id"] for s in client.get("/api/v1/stories").json()["items"]}


def test_story_and_article_by_id(client):
    story = max(client.get("/api/v1/stories").json()["items"], key=lambda s: len(s["article_ids"]))
    assert client.get(f"/api/v1/stories/{story['id']}").json() == story
    article = client.get(f"/api/v1/articles/{story['article_ids'][0]}").json()
    assert article["story_id"] == story["id"] and "Quillon" in article["text"]


def test_unknown_ids_are_404_with_a_message(client):
    response = client.get("/api/v1/stories/nope")
    assert response.status_code == 404 and "no story with id 'nope'" in response.json()["detail"]
    assert client.get("/api/v1/articles/nope").status_code == 404


def test_bad_parameters_are_422(client):
    assert client.get("/api/v1/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/v1/stories", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/v1/search").status_code == 422


def test_search_finds_the_article_with_a_snippet(client):
    body = client.get("/api/v1/search", params={"q": "library"}).json()
    assert body["total"] == 1 and "Bellhaven" in body["items"][0]["title"]


def test_text_filter_on_stories(client):
    body = client.get("/api/v1/stories", params={"q": "lifeboat"}).json()
    assert body["total"] == 1 and len(body["items"][0]["article_ids"]) == 2


def test_openapi_and_security_headers(client):
    response = client.get("/openapi.json")
    assert "/api/v1/stories/{story_id}" in response.json()["paths"]
    assert "default-src 'self'" in response.headers["content-security-policy"]
