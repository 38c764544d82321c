"""The durable queue and the ingest worker, with stand-in models and a fake network, on SQLite and PostgreSQL."""

import threading
from datetime import timedelta

import pytest
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.app import IngestService
from storyline.app.worker import Worker
from storyline.exceptions import InputError
from storyline.settings import Settings
from storyline.store import Store
from storyline.store.queue import (
    BATCH_ATTEMPTS,
    MAX_ATTEMPTS,
    IngestQueue,
    Submission,
    utc_now,
)
from storyline.text.urls import normalise_url

HARBOUR = [
    ("Dredger sinks in Osterlund harbour\n\nThe dredger Halvard sank at its mooring in Osterlund harbour on Friday. "
     "Harbour master Ingrid Solvay said the crew of six reached the quay before the Halvard went down."),
    ("Osterlund harbour closed after dredger sinking\n\nIngrid Solvay, the Osterlund harbour master, closed the "
     "harbour to ships after the dredger Halvard sank at its mooring; the six crew members are safe."),
]
MARKET = ("Orchard market opens in Tessaly\n\nThe covered Tessaly orchard market opened on Sunday with ninety "
          "stalls. Mayor Corin Abbot said the Tessaly market hall took three years to build.")


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def worker(store: Store, fetch=None) -> Worker:
    service = IngestService(store, Settings(db_url=store.url), encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords())
    return Worker(service, fetch, poll=0.05)


def text(body: str, **meta) -> Submission:
    return Submission(kind="text", content=body, **meta)


def test_queue_claims_oldest_first_once_and_keeps_what_a_dead_worker_held(store):
    queue = store.queue
    ids = queue.enqueue([text(body) for body in [*HARBOUR, MARKET]])
    assert ids == sorted(ids) and len(ids) == 3
    first = queue.claim(2)
    assert [i.id for i in first] == ids[:2] and all(i.state == "working" for i in first)
    assert [i.id for i in queue.claim(5)] == ids[2:]
    assert queue.claim(5) == []  # everything is claimed, and the leases are fresh
    queue.finish(ids[0], "a1", "s1")
    # The worker holding the others died; after a restart, once their lease ran out, they are claimed again.
    later = IngestQueue(store, clock=lambda: utc_now() + timedelta(hours=1))
    assert [i.id for i in later.claim(5)] == ids[1:]
    assert queue.get([ids[0]])[0].state == "done" and queue.waiting() == 2


def test_an_item_that_keeps_killing_its_worker_is_failed(store):
    (item_id,) = store.queue.enqueue([text(MARKET)])
    for attempt in range(MAX_ATTEMPTS + 1):
        claimed = IngestQueue(store, clock=lambda a=attempt: utc_now() + timedelta(hours=a + 1)).claim(1)
        assert len(claimed) == (1 if attempt < MAX_ATTEMPTS else 0)
    item = store.queue.get([item_id])[0]
    assert item.state == "failed" and "gave up" in item.reason



def test_a_batch_cut_short_is_retried_whole_then_item_by_item_so_only_the_culprit_fails(store):
    ids = store.queue.enqueue([text(body) for body in [*HARBOUR, MARKET]])
    hours = 0

    def claim(limit=10) -> list[int]:
        nonlocal hours
        hours += 1  # the worker holding the last claim was killed; its lease has run out
        return [i.id for i in IngestQueue(store, clock=lambda h=hours: utc_now() + timedelta(hours=h)).claim(limit)]

    for _ in range(BATCH_ATTEMPTS):  # the same batch again: its articles are ingested together, as before the kill
        assert claim() == ids
    assert claim() == ids[:1]  # then one at a time (was: all three failed here, "gave up after 3 attempts")
    store.queue.finish(ids[0], "a0", None)
    assert claim() == ids[1:2]
    store.queue.finish(ids[1], "a1", None)
    for _ in range(MAX_ATTEMPTS - BATCH_ATTEMPTS):  # the last keeps killing its worker, alone
        assert claim() == ids[2:]
    assert claim() == []
    states = [i.state for i in store.queue.get(ids)]
    assert states == ["done", "done", "failed"] and "gave up" in store.queue.get(ids[2:])[0].reason


def test_two_workers_never_claim_the_same_item(store):
    ids = store.queue.enqueue([text(f"{MARKET} Stall {n}.") for n in range(30)])
    claimed: list[int] = []

    def claim_all():
        while items := store.queue.claim(3):
            claimed.extend(i.id for i in items)

    threads = [threading.Thread(target=claim_all) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == ids


def test_worker_stores_articles_with_their_story_and_fails_bad_items_with_the_reason(store):
    w = worker(store)
    ids = store.queue.enqueue([text(HARBOUR[0], outlet="Osterlund Post", published="2026-03-06"),
                               text(HARBOUR[1]), text("Too short."), text(MARKET)])
    assert w.run_once() == 4
    items = store.queue.get(ids)
    assert [i.state for i in items] == ["done", "done", "failed", "done"]
    assert "too-short" in items[2].reason
    assert items[0].story_id == items[1].story_id != items[3].story_id
    story = store.story(items[0].story_id)
    assert set(story.article_ids) == {items[0].article_id, items[1].article_id}
    stored = store.article(items[0].article_id)
    assert (stored.outlet, stored.published) == ("Osterlund Post", "2026-03-06")
    assert store.dirty() == {}
    again = store.queue.enqueue([text(HARBOUR[0])])  # the same content again: the stored article, not a new one
    w.run_once()
    assert store.queue.get(again)[0].article_id == items[0].article_id
    assert len(store.story(items[0].story_id).article_ids) == 2


def test_url_items_fail_clearly_without_a_fetcher_or_with_unusable_content(store):
    pages = {"https://news.example/pdf": (b"%PDF-1.7", "application/pdf", "https://news.example/pdf")}
    ids = store.queue.enqueue([Submission("url", "https://news.example/a"), Submission("url", "https://news.example/pdf")])
    worker(store).run_once()
    assert "fetching is not configured" in store.queue.get(ids)[0].reason
    store.queue.enqueue([Submission("url", "https://news.example/pdf")])
    w = worker(store, fetch=lambda url: pages[url])
    w.run_once()
    assert "unsupported content type" in store.queue.get([ids[-1] + 1])[0].reason


def test_a_changed_page_is_a_new_revision_of_the_same_article_and_counts_once(store):
    url = "https://osterlund.example/news/dredger"
    pages = {url: HARBOUR[0]}

    def fetch(address):
        return pages[address].encode(), "text/plain; charset=utf-8", address

    w = worker(store, fetch)
    first = store.queue.enqueue([Submission("url", url), text(HARBOUR[1])])
    w.run_once()
    article_id = store.queue.get(first)[0].article_id
    same = store.queue.enqueue([Submission("url", "HTTPS://Osterlund.example:443/news/dredger#top")])
    w.run_once()
    unchanged = store.queue.get(same)[0]
    assert (unchanged.state, unchanged.article_id) == ("done", article_id) and "unchanged" in unchanged.reason
    pages[url] = HARBOUR[0].replace("crew of six", "crew of seven")
    changed = store.queue.enqueue([Submission("url", url)])
    w.run_once()
    item = store.queue.get(changed)[0]
    assert (item.state, item.article_id) == ("done", article_id)
    assert "crew of seven" in store.article(article_id).text
    revisions = store.revisions.of(article_id)
    assert [r.number for r in revisions] == [1, 2] and "crew of six" in revisions[0].text
    assert revisions[0].replaced_at and revisions[1].replaced_at is None
    story = store.story(item.story_id)
    assert sorted(story.article_ids) == sorted([article_id, store.queue.get(first)[1].article_id])
    pages[url] = "Page not found."  # an unusable new content: the item fails, the article keeps its content
    broken = store.queue.enqueue([Submission("url", url)])
    w.run_once()
    assert store.queue.get(broken)[0].state == "failed" and "too-short" in store.queue.get(broken)[0].reason
    assert "crew of seven" in store.article(article_id).text and len(store.revisions.of(article_id)) == 2


def test_the_background_worker_wakes_on_enqueue_and_stops_cleanly(store):
    w = worker(store)
    w.poll = 30  # only the wake-up can make it this fast
    w.start()
    try:
        ids = store.queue.enqueue([text(MARKET)])
        w.wake()
        (item,) = w.wait_for(ids, timeout=20)
        assert item.state == "done"
    finally:
        w.stop()
    assert w._thread is None


@pytest.mark.parametrize("url", ["ftp://x.example/a", "javascript:alert(1)", "https://", "http://u:p@x.example/",
                                 "https://x.example/" + "a" * 3000])
def test_only_plain_http_urls_are_accepted(url):
    with pytest.raises(InputError):
        normalise_url(url)


def test_urls_are_normalised_to_one_spelling():
    assert normalise_url(" HTTP://Example.ORG:80?q=1#x ") == "http://example.org/?q=1"
    assert normalise_url("https://example.org:8443/a") == "https://example.org:8443/a"


def test_a_failed_round_puts_its_items_back_and_gives_up_on_them_eventually(store, monkeypatch):
    w = worker(store)
    (item_id,) = store.queue.enqueue([text(MARKET)])
    monkeypatch.setattr(w, "_process", lambda items: 1 / 0)
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(ZeroDivisionError):
            w.run_once()
        assert store.queue.get([item_id])[0].state == "queued"  # at once, not after the lease
    assert w.run_once() == 0 and store.queue.get([item_id])[0].state == "failed"


def test_an_item_that_breaks_its_batch_fails_alone(store, monkeypatch):
    w = worker(store)
    ingest = w.ingest.ingest

    def fragile(articles, *args, **kwargs):
        articles = list(articles)
        if any("Tessaly" in a.raw for a in articles):
            raise RuntimeError("a bug met on this text")
        return ingest(articles, *args, **kwargs)

    monkeypatch.setattr(w.ingest, "ingest", fragile)
    ids = store.queue.enqueue([text(HARBOUR[0]), text(MARKET), text(HARBOUR[1])])
    w.run_once()
    assert [i.state for i in store.queue.get(ids)] == ["done", "failed", "done"]
    assert "ingesting failed" in store.queue.get(ids)[1].reason


def test_a_renewed_lease_keeps_a_slow_batch_from_being_taken_over(store):
    start = utc_now()
    (item_id,) = IngestQueue(store, clock=lambda: start).enqueue([text(MARKET)])
    IngestQueue(store, clock=lambda: start).claim(1)
    IngestQueue(store, clock=lambda: start + timedelta(seconds=50)).renew([item_id])
    assert IngestQueue(store, clock=lambda: start + timedelta(seconds=100)).claim(1) == []  # renewed at 50 s
    assert [i.id for i in IngestQueue(store, clock=lambda: start + timedelta(seconds=200)).claim(1)] == [item_id]
