"""The watches page (add, list with deliveries, remove; webhook address rules) and an article's revisions."""

from html import unescape

import httpx
from fastapi.testclient import TestClient
from submissions import GLACIER, make_services

from storyline.api import Services, create_app
from storyline.app.watches import WatchService
from storyline.settings import FetchSettings, Settings
from storyline.sources.web import Fetcher
from storyline.store.queue import Submission

PUBLIC = "93.184.216.34"


def watch_service(store, resolve=lambda host: [PUBLIC]):
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(lambda r: httpx.Response(204)),
                      resolver=resolve)
    return WatchService(store, fetcher)


def test_watches_are_added_listed_with_deliveries_and_removed(store):
    watches = watch_service(store)
    with TestClient(create_app(Services(store=store, settings=Settings(db_url=store.url), watches=watches))) as c:
        added = c.post("/watches", data={"webhook": "https://hooks.example/in", "query": "ferry", "entity": ""},
                       follow_redirects=False)
        assert added.status_code == 303 and added.headers["location"] == "/watches"
        watch = watches.list().items[0]
        assert (watch.query, watch.entity) == ("ferry", None)
        watches.articles_added([a.id for a in store.articles() if "ferry" in a.text.lower()])
        page = unescape(c.get("/watches").text)
        assert "words: <b>ferry</b>" in page and "https://hooks.example/in" in page and "HTTP 204" in page
        assert c.post(f"/watches/{watch.id}/remove", follow_redirects=False).status_code == 303
        assert watches.list().total == 0 and "No watches yet." in c.get("/watches").text


def test_a_watch_needs_a_criterion_and_a_webhook_outside_private_networks(store):
    watches = watch_service(store, resolve=lambda host: ["10.0.0.7"])
    with TestClient(create_app(Services(store=store, settings=Settings(db_url=store.url), watches=watches))) as c:
        bare = c.post("/watches", data={"webhook": "https://hooks.example/in"})
        assert bare.status_code == 422 and "needs a query" in unescape(bare.text)
        private = c.post("/watches", data={"webhook": "https://intranet.example/hook", "query": "ferry"})
        assert private.status_code == 422 and watches.list().total == 0


def test_watches_page_when_watches_are_not_enabled(store):
    with TestClient(create_app(Services(store=store, settings=Settings(db_url=store.url)))) as c:
        assert "Watches are not enabled" in c.get("/watches").text


def test_an_article_page_shows_what_each_revision_changed(tmp_path):
    services = make_services(f"sqlite:///{tmp_path / 'revisions.db'}")
    pages = {"https://vennholm.example/lake": GLACIER[0]}
    services.worker.fetch = lambda url: (pages[url].encode(), "text/plain", url)
    with services.store:
        first = services.store.queue.enqueue([Submission("url", "https://vennholm.example/lake")])
        services.worker.run_once()
        article_id = services.store.queue.get(first)[0].article_id
        with TestClient(create_app(services)) as c:
            assert "Revisions" not in c.get(f"/articles/{article_id}").text  # one content: nothing to compare
        pages["https://vennholm.example/lake"] = GLACIER[0].replace("40,000", "45,000") + " The valley school closed."
        services.store.queue.enqueue([Submission("url", "https://vennholm.example/lake")])
        services.worker.run_once()
        with TestClient(create_app(services)) as c:
            page = unescape(c.get(f"/articles/{article_id}").text)
    assert "Revision 2 (current)" in page and "Revision 1" in page
    assert '<li class="del"><del>A glacier lake above Vennholm drained overnight on Tuesday, sending a flood of 40,000' in page
    assert '<li class="ins"><ins>The valley school closed.</ins></li>' in page


def test_story_page_links_its_exports(client, ferry):
    page = client.get(f"/stories/{ferry.id}").text
    for fmt in ("json", "markdown", "csv-claims"):
        assert f"/api/v1/stories/{ferry.id}/export?format={fmt}" in page
    assert client.get(f"/api/v1/stories/{ferry.id}/export", params={"format": "csv-claims"}).status_code == 200
