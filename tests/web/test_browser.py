"""The web UI in a real browser: Python playwright driving Debian's chromium (never a downloaded one), against
uvicorn serving the test corpus on a free localhost port. Skipped, with the reason, when either is missing.

``STORYLINE_SCREENSHOTS=docs/screenshots`` saves the screenshots where the README shows them from.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import webcorpus
from webcorpus import FERRY, HOSTILE, FakeFeeds, build_store

from storyline.api import Services, create_app
from storyline.model import content_id
from storyline.settings import Settings
from storyline.store import Store
from storyline.views import file_stem

CHROMIUM = shutil.which("chromium")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install "
                                                          "chromium); browser tests skipped")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WIDTH = 1280


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'web.db'}"
    build_store(url).close()
    return url


@pytest.fixture(scope="module")
def server(db_url):
    import uvicorn

    with Store(db_url) as store:
        app = create_app(Services(store=store, settings=Settings(db_url=db_url), feeds=FakeFeeds()))
        port = _free_port()
        uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=1))
        thread = threading.Thread(target=uv.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not uv.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
        uv.should_exit = True
        thread.join(5)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, base_url=server)
    page = context.new_page()
    page.dialogs = []  # any alert() would mean scraped content ran
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _ferry_id(db_url: str) -> str:
    with Store(db_url) as store:
        return store.article(content_id(FERRY[0])).story_id


def test_stories_list_search_and_open_a_story(page, shots):
    page.goto("/")
    assert page.locator(".story-link").count() == 3
    page.screenshot(path=shots / "stories.png", full_page=True)
    page.fill("input[name=q]", "lifeboat")
    page.click("button[type=submit]")
    assert page.locator(".story-link").count() == 1
    page.click(".story-link")
    # the story developed over two days: it is titled by its latest representative headline
    assert page.locator("h1").inner_text().endswith("refloated at Quillon Point")
    page.screenshot(path=shots / "story.png", full_page=True)


def test_a_citation_opens_the_cited_sentence(page, db_url, shots):
    page.goto(f"/stories/{_ferry_id(db_url)}")
    first = page.locator(".summary li").first
    sentence = first.inner_text().split("\u2060")[0].strip()
    first.locator("a.cite").first.click()
    page.wait_for_url("**/articles/*#s*")
    target = page.locator(".sentence:target")
    assert target.inner_text() == sentence and target.is_visible()
    page.screenshot(path=shots / "article.png", full_page=True)


def test_claims_matrix_shows_every_outlet_column_at_1280px_and_in_print(page, db_url):
    page.goto(f"/stories/{_ferry_id(db_url)}")
    columns = page.locator(".claims thead th")
    assert columns.count() == 2 + 5
    _every_column_visible(page)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": WIDTH, "height": 900})
    assert page.locator(".claims tbody tr").first.get_attribute("data-status") == "conflicting"
    page.select_option(".status-filter select", "single_source")  # applies on change
    page.wait_for_url("**status=single_source**")
    assert page.locator(".claims tbody tr").count() == 2


def _every_column_visible(page) -> None:
    """At 1280 px on screen, and in print on a 1280 px and an A4-wide (about 720 px) page."""
    columns = page.locator(".claims thead th")
    for media, width in (("screen", WIDTH), ("print", WIDTH), ("print", 720)):
        page.emulate_media(media=media)
        page.set_viewport_size({"width": width, "height": 900})
        for i in range(columns.count()):
            box = columns.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (media, width, columns.nth(i).inner_text())
        overflow = page.eval_on_selector(".table-scroll", "el => el.scrollWidth - el.clientWidth")
        assert overflow <= 1, (media, width)  # nothing hidden behind a sideways scroll


def test_static_report_shows_every_outlet_column_too(page, db_url, tmp_path):
    from storyline.app import Queries
    from storyline.export.html import write_report

    with Store(db_url) as store:
        write_report(Queries(store).document(), tmp_path)
    page.goto((tmp_path / "stories" / f"{_ferry_id(db_url)}.html").as_uri())
    assert page.locator(".claims thead th").count() == 2 + 5
    _every_column_visible(page)


def test_add_and_remove_a_feed(page):
    page.goto("/feeds")
    page.fill("input[name=url]", "https://news.example/harbour.xml")
    page.fill("input[name=interval]", "15")
    page.click("text=Add feed")
    assert page.locator("table.feeds code").inner_text() == "https://news.example/harbour.xml"
    page.click("button.danger")
    assert page.locator("text=No feeds yet.").is_visible()


# Anything on the page that could run script: a script other than the UI's own, an on* attribute, a link or
# frame to a javascript:/data:/vbscript: address, or an element the scraped markup brought in.
ACTIVE = r"""() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(attr.name)
          && /^[\s\x00-\x20]*(javascript|data|vbscript):/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const el of document.querySelectorAll('script')) if (el.getAttribute('src') !== '/static/web.js') found.push('script');
  for (const el of document.querySelectorAll('img, svg, iframe, object, embed, frame, base')) found.push(el.tagName);
  return found;
}"""


def _inert(page) -> None:
    page.wait_for_timeout(300)  # time for an onload or onerror to fire, had one got in
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.dialogs == []
    assert page.evaluate(ACTIVE) == []


def _hostile_story(db_url: str) -> str:
    with Store(db_url) as store:
        return store.article(content_id(HOSTILE)).story_id


def test_hostile_article_renders_inert(page):
    page.goto(f"/articles/{content_id(HOSTILE)}")
    text = page.locator(".text").inner_text()
    assert "<script>" in page.locator("h1").inner_text() and 'onerror="window.__pwned = 2"' in text
    assert 'href="data:text/html' in text and '<body onload="window.__pwned = 7">' in text
    assert page.locator(".source code").inner_text() == webcorpus.HOSTILE_URL  # the javascript: URL is text, not a link
    _inert(page)


@pytest.mark.parametrize("where", ["stories", "search", "story", "feeds"])
def test_hostile_content_is_inert_on_every_page(page, db_url, where):
    story_id = _hostile_story(db_url)
    page.goto({"stories": "/", "search": "/?q=Varn", "story": f"/stories/{story_id}", "feeds": "/feeds"}[where])
    if where != "feeds":
        assert "<script>window.__pwned = 1</script>" in page.locator("main").inner_text()
    if where == "story":
        assert webcorpus.HOSTILE_OUTLET in page.locator(".byline").first.inner_text()
    _inert(page)


def test_hostile_content_is_inert_in_the_static_report(page, db_url, tmp_path):
    """The report is opened from disk: no Content-Security-Policy guards it, only the escaping."""
    from storyline.app import Queries
    from storyline.export.html import write_report

    with Store(db_url) as store:
        index = write_report(Queries(store).document(), tmp_path)
    page.goto(index.as_uri())
    assert "<script>window.__pwned = 1</script>" in page.locator("body").inner_text()
    _inert(page)
    page.goto((tmp_path / "stories" / f"{file_stem(_hostile_story(db_url))}.html").as_uri())
    body = page.locator("body").inner_text()
    assert webcorpus.HOSTILE_URL in body and webcorpus.HOSTILE_OUTLET in body and 'onload="window.__pwned = 5"' in body
    _inert(page)


def test_story_page_refreshes_when_the_story_changes(page, db_url):
    story_id = _ferry_id(db_url)
    page.goto(f"/stories/{story_id}")
    page.wait_for_timeout(300)  # the event stream is open
    with Store(db_url) as store:
        story = store.story(story_id)
        story.title = "Lantern ferry refloated"
        with store.unit_of_work() as conn:
            store.save_stories(conn, [story])
    page.wait_for_selector("body[data-refreshed]", timeout=10_000)
    assert page.locator("h1").inner_text() == "Lantern ferry refloated"
    assert page.locator("#live-note").is_visible()
