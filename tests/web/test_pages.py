"""The web UI's pages through a TestClient: fast, no browser. The browser tests are in test_browser.py."""

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from webcorpus import COPY, FERRY, HOSTILE, LIBRARY, OUTLETS

from storyline.api import Services, create_app
from storyline.model import content_id
from storyline.settings import Settings
from storyline.views import safe_url
from storyline.web import sentences


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_stories_list_is_sorted_by_last_update_and_links_each_story(client, ferry):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    titles = re.findall(r'class="story-link" href="/stories/([^"]+)"', page.text)
    assert len(titles) == 3 and titles[0] == ferry.id  # its dossier was saved last
    assert "1 conflicting" in _text(page.text) and "3 stories" in _text(page.text)


def test_stories_list_filters_and_full_text_search(client, ferry):
    assert re.findall(r'href="/stories/([^"]+)"', client.get("/", params={"q": "lifeboat"}).text) == [ferry.id]
    assert "Bellhaven library" in client.get("/", params={"outlet": "bellhaven morning post", "until": "2026-04-05"}).text
    assert "Lantern" not in _text(client.get("/", params={"until": "2026-04-05"}).text)
    assert re.findall(r'href="/stories/([^"]+)"', client.get("/", params={"entity": "maren holt"}).text) == []
    assert ferry.id in client.get("/", params={"entity": "holt"}).text
    page = client.get("/", params={"q": "nothing-like-this"})
    assert "No story matches." in page.text


def test_stories_list_pages_and_reports_bad_dates(client, monkeypatch):
    from storyline.web import pages

    monkeypatch.setattr(pages, "PER_PAGE", 2)
    first = client.get("/", params={"outlet": ""})
    assert "1–2 of 3" in first.text and 'rel="prev"' not in first.text
    following = unescape(re.search(r'rel="next" href="([^"]+)"', first.text).group(1))
    assert "offset=2" in following and "outlet=" in following  # the filters stay on the next page
    last = client.get(following)
    assert "3–3 of 3" in last.text and 'rel="next"' not in last.text and 'rel="prev"' in last.text
    bad = client.get("/", params={"since": "last week"})
    assert bad.status_code == 422 and "is not a date (write it as YYYY-MM-DD)" in unescape(bad.text)


def test_story_page_cites_sentences_and_shows_every_outlet_column(client, ferry):
    page = client.get(f"/stories/{ferry.id}").text
    assert "6 articles · 5 independent sources · 5 outlets" in page
    claims = page[page.index('<section id="claims"'):page.index('<section id="timeline"')]
    head = re.search(r"<thead>(.*?)</thead>", claims, re.DOTALL).group(1)
    assert sorted(unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', head)[1:]) == sorted(OUTLETS)
    rows = re.findall(r'<tr class="claim (\w+)"', claims)
    assert rows[0] == "conflicting" and sorted(rows) == ["conflicting", "single_source", "single_source"]
    assert "Why conflicting" in claims and "Values that exclude each other for the same thing and day." in claims
    # a summary citation links to the very sentence of the article it cites
    summary = page[page.index('<section id="summary"'):page.index('<section id="claims"')]
    link = re.search(r'<li>(.*?)&#8288;<span class="cites"><a class="cite" href="(/articles/(\w+)#s(\d+))"', summary)
    sentence, article_id, number = unescape(link.group(1)), link.group(3), int(link.group(4))
    assert sentences.find(client.get(f"/api/v1/articles/{article_id}").json()["text"], sentence) == number
    assert f'id="s{number}">{link.group(1)}</span>' in client.get(f"/articles/{article_id}").text


def test_timeline_and_quotes_cite_their_sentences(client, ferry):
    page = client.get(f"/stories/{ferry.id}").text
    timeline = page[page.index('<section id="timeline"'):page.index('<section id="quotes"')]
    assert f'href="/articles/{content_id(FERRY[4])}#s1"' in timeline  # "Tugs refloated…" is its first sentence
    quotes = page[page.index('<section id="quotes"'):page.index('<section id="entities"')]
    assert f'href="/articles/{content_id(FERRY[0])}#s2"' in quotes  # the reported speech is in its second sentence
    assert "Maren Holt" in page[page.index('<section id="entities"'):page.index('<section id="coverage"')]


def test_story_page_filters_claims_by_status(client, ferry):
    page = client.get(f"/stories/{ferry.id}", params={"status": "single_source"}).text
    assert re.findall(r'<tr class="claim (\w+)"', page) == ["single_source", "single_source"]
    assert '<option value="single_source" selected>' in page
    assert len(re.findall(r'<tr class="claim ', client.get(f"/stories/{ferry.id}", params={"status": "bogus"}).text)) == 3


def test_story_page_says_why_each_article_is_in_the_story(client, ferry):
    page = _text(client.get(f"/stories/{ferry.id}").text)
    assert page.count("Why is this article in this story?") == 6
    assert "Started this story:" in page and "A syndicated copy of another article" in page
    assert re.search(r"Ferry Lantern aground at Quillon Point Coastal Daily Record · 2026-04-06 18:00:00\+00:00 "
                     r"duplicate: syndicated copy of \[\d\]", page)
    joined = re.findall(r"Joined with score (\d\.\d\d) ≥ 0\.5: text \d\.\d\d, meaning \d\.\d\d, entities \d\.\d\d \(([^)]*)\)",
                        page)
    assert len(joined) == 4 and all(float(score) >= 0.5 and "quillon" in shared for score, shared in joined)
    assert re.search(r"Next best story: Bellhaven library reopens with -?\d\.\d\d\.", page)


def test_article_page_has_sentence_anchors_evidence_and_its_story(client, ferry):
    article_id = content_id(FERRY[0])
    page = client.get(f"/articles/{article_id}").text
    assert '<span class="sentence" id="s1">The Lantern ferry ran aground off Quillon Point on Monday with 212 passengers on board.</span>' in page
    assert "2026-04-06" in page and "(from jsonl)" in page
    assert f'href="/stories/{ferry.id}"' in page and "Cut during cleaning" in page
    assert "Why is this article in its story?" in page


def test_a_copy_links_to_its_original(client):
    page = client.get(f"/articles/{content_id(COPY)}").text
    assert "syndicated copy" in page and f'<a href="/articles/{content_id(FERRY[0])}">the original article</a>' in page


def test_hostile_article_is_escaped_and_never_linked(client):
    page = client.get(f"/articles/{content_id(HOSTILE)}").text
    assert "<script>window" not in page and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<img" not in page and 'href="javascript:' not in page.lower()
    assert "<code>javascript:window.__pwned = 4</code>" in page
    assert "script-src 'self'" in client.get(f"/articles/{content_id(HOSTILE)}").headers["content-security-policy"]
    listing = client.get("/").text
    assert "&lt;script&gt;" in listing and "<script>window" not in listing


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "\x01\tjavascript:alert(1)", "java\nscript:alert(1)", "data:text/html,<b>x</b>",
                                 "vbscript:msgbox(1)", "//evil.example/x", "file:///etc/passwd", "", None])
def test_only_http_addresses_are_ever_linked(url):
    assert safe_url(url) is None


def test_http_addresses_are_linked():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    assert safe_url(" HTTP://news.example/") == "HTTP://news.example/"


def test_unknown_story_or_article_is_a_404_page(client):
    for url in ("/stories/nope", "/articles/nope"):
        response = client.get(url)
        assert response.status_code == 404 and "<h1>Not found</h1>" in response.text and "nope" in response.text


def test_feeds_are_added_listed_and_removed(client, feeds):
    added = client.post("/feeds", data={"url": "https://news.example/feed.xml", "interval": "30"}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/feeds"
    assert feeds.intervals == {1: 1800}
    page = client.get("/feeds").text
    assert "<code>https://news.example/feed.xml</code>" in page and 'action="/feeds/1/remove"' in page
    assert client.post("/feeds", data={"url": "https://news.example/x.xml", "interval": "soon"}).status_code == 422
    bad = client.post("/feeds", data={"url": "ftp://news.example/feed"})
    assert bad.status_code == 422 and "not a feed address" in unescape(bad.text)
    assert client.post("/feeds/1/remove", follow_redirects=False).status_code == 303 and feeds.list().items == []
    assert client.post("/feeds/1/remove").status_code == 404


def test_feed_forms_need_the_token_when_the_server_has_one(store, feeds):
    services = Services(store=store, settings=Settings(db_url=store.url), token="s3cret", feeds=feeds)
    with TestClient(create_app(services)) as c:
        assert 'name="token"' in c.get("/feeds").text
        refused = c.post("/feeds", data={"url": "https://news.example/a.xml", "token": "wrong"})
        assert refused.status_code == 401 and feeds.list().items == []
        given = c.post("/feeds", data={"url": "https://news.example/a.xml", "token": "s3cret"}, follow_redirects=False)
        assert given.status_code == 303 and "httponly" in given.headers["set-cookie"].lower()
        # the remembered token (cookie) lets the next form through without the field
        assert c.post("/feeds", data={"url": "https://news.example/b.xml"}, follow_redirects=False).status_code == 303
        assert feeds.list().total == 2


def test_cross_site_form_posts_are_refused(client, feeds):
    response = client.post("/feeds", data={"url": "https://news.example/a.xml"}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and feeds.list().items == []


def test_feeds_page_when_feeds_are_not_enabled(store):
    with TestClient(create_app(Services(store=store, settings=Settings(db_url=store.url)))) as c:
        assert "Feeds are not enabled" in c.get("/feeds").text
        assert c.post("/feeds", data={"url": "https://news.example/a.xml"}).status_code == 404


def test_static_files_and_no_inline_scripts_or_styles(client, ferry):
    assert client.get("/static/web.js").headers["content-type"].startswith("text/javascript")
    assert "table-layout: fixed" in client.get("/static/report.css").text
    assert client.get("/static/../pages.py").status_code == 404
    page = client.get(f"/stories/{ferry.id}").text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "<style" not in page and " style=" not in page


def test_library_story_cites_its_only_article(client):
    story_id = client.get(f"/api/v1/articles/{content_id(LIBRARY)}").json()["story_id"]
    page = client.get(f"/stories/{story_id}").text
    assert f'href="/articles/{content_id(LIBRARY)}#s1"' in page and "1 article · 1 independent source · 1 outlet" in page


def test_story_events_announce_a_changed_story(client, store, ferry, monkeypatch):
    from storyline.web import events

    monkeypatch.setattr(events, "POLL_SECONDS", 0.05)
    with client.stream("GET", f"/stories/{ferry.id}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert next(lines) == "retry: 3000"
        with store.unit_of_work() as conn:  # what the worker does when an article joins: the dossier is saved again
            store.save_stories(conn, [ferry])
        event = [next(lines) for _ in range(3)]
    assert event[1] == "event: changed" and f'"story": "{ferry.id}"' in event[2] and '"articles": 6' in event[2]


def test_story_events_for_an_unknown_story_are_404(client):
    assert client.get("/stories/nope/events").status_code == 404
