"""Watches: matching new articles, following stories, firing on claim and conflict gains, guarded webhooks."""

import json
from datetime import UTC, datetime

import httpx
import pytest
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.app import IngestService
from storyline.app.watches import WatchService
from storyline.exceptions import FetchRefused, InputError, NotFound
from storyline.model import Article, Claim, Story, content_id
from storyline.settings import FetchSettings, Settings
from storyline.sources.web import Fetcher
from storyline.store import Store

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
FERRY = ("Lantern ferry aground\n\nThe Lantern ferry ran aground off Quillon Point on Monday. Coastguard captain "
         "Maren Holt said all passengers were brought ashore by Quillon lifeboat crews.")
LIBRARY = ("Bellhaven library reopens\n\nThe Bellhaven city library reopened on Saturday after a restoration. "
           "Librarian Odile Prest said the reading room holds the restored Corvane maps.")


class Hook:
    """The webhook receiver: records JSON bodies, answers with ``status``."""

    def __init__(self, status=204):
        self.status = status
        self.bodies = []

    def __call__(self, request):
        self.bodies.append(json.loads(request.content))
        return httpx.Response(self.status)


def article(raw, outlet):
    return Article(id=content_id(raw), source=f"{outlet}.txt", raw=raw, format="text", outlet=outlet)


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def watches(store, hook):
    fetcher = Fetcher(FetchSettings(host_interval=0.0), transport=httpx.MockTransport(hook),
                      resolver=lambda host: ["93.184.216.34"])
    return WatchService(store, fetcher, clock=lambda: T0)


def ingest(store, *articles):
    settings = Settings(db_url=store.url)
    IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(list(articles))
    return [a.id for a in articles]


def story(story_id, *statuses):
    claims = [Claim(statement=f"claim {i}", status=s, values={}, article_ids=[], date=None, what=None)
              for i, s in enumerate(statuses)]
    return Story(id=story_id, title="Lantern ferry aground", article_ids=[], independent_sources=1,
                 first_published=None, last_published=None, claims=claims)


def save(store, *stories):
    with store.unit_of_work() as conn:
        store.save_stories(conn, list(stories))


def test_a_watch_needs_a_criterion_a_safe_webhook_and_a_known_story(store):
    service = watches(store, Hook())
    with pytest.raises(InputError, match="needs a query"):
        service.add("https://hooks.example/in", query="  ")
    with pytest.raises(FetchRefused, match="private-address"):
        service.add("http://169.254.169.254/latest/meta-data", query="ferry")
    with pytest.raises(NotFound):
        service.add("https://hooks.example/in", story_id="nope")
    watch = service.add("https://hooks.example/in", query="ferry", outlet="The Courier")
    assert [w.id for w in service.list().items] == [watch.id]
    service.remove(watch.id)
    assert service.list().total == 0


def test_matching_articles_are_delivered_and_recorded(store):
    hook = Hook()
    service = watches(store, hook)
    by_words = service.add("https://hooks.example/in", query="Quillon lifeboat")
    by_entity = service.add("https://hooks.example/in", entity="Odile")
    by_outlet = service.add("https://hooks.example/in", outlet="the courier")
    ids = ingest(store, article(FERRY, "Courier"), article(LIBRARY, "Gazette"))
    delivered = service.articles_added(ids)
    assert sorted((d.watch_id, d.subjects) for d in delivered) == sorted(
        [(by_words.id, [ids[0]]), (by_outlet.id, [ids[0]]), (by_entity.id, [ids[1]])])
    assert all(d.status == 204 and d.error is None and d.event == "articles" for d in delivered)
    body = next(b for b in hook.bodies if b["watch_id"] == by_entity.id)
    assert body["event"] == "articles" and [a["id"] for a in body["articles"]] == [ids[1]]
    assert body["articles"][0]["story_id"]
    assert service.deliveries(by_words.id).items[0].subjects == [ids[0]]


def test_one_call_per_watch_lists_every_match(store):
    hook = Hook()
    service = watches(store, hook)
    watch = service.add("https://hooks.example/in", query="said")
    ids = ingest(store, article(FERRY, "Courier"), article(LIBRARY, "Gazette"))
    [delivery] = service.articles_added(ids)
    assert delivery.watch_id == watch.id and sorted(delivery.subjects) == sorted(ids)
    assert len(hook.bodies) == 1 and len(hook.bodies[0]["articles"]) == 2


def test_a_failing_webhook_is_recorded_with_its_status(store):
    service = watches(store, Hook(status=500))
    watch = service.add("https://hooks.example/in", query="ferry")
    [delivery] = service.articles_added(ingest(store, article(FERRY, "Courier")))
    assert delivery.status == 500 and "http-500" in delivery.error
    assert service.deliveries(watch.id).total == 1


def test_a_followed_story_fires_on_gained_claims_and_conflicts_only(store):
    hook = Hook()
    service = watches(store, hook)
    save(store, story("s1", "corroborated"))
    watch = service.add("https://hooks.example/in", story_id="s1")
    assert service.stories_changed(["s1"]) == []  # nothing gained since the watch started
    save(store, story("s1", "corroborated", "single_source"))
    [claim] = service.stories_changed(["s1"])
    assert claim.event == "stories" and claim.subjects == ["s1"]
    assert hook.bodies[-1]["stories"][0] | {"title": None} == {
        "id": "s1", "title": None, "claims": 2, "conflicts": 0, "new_claims": 1, "new_conflicts": 0}
    save(store, story("s1", "corroborated", "conflicting"))
    [conflict] = service.stories_changed(["s1"])
    assert hook.bodies[-1]["stories"][0]["new_conflicts"] == 1 and hook.bodies[-1]["stories"][0]["new_claims"] == 0
    assert service.stories_changed(["s1"]) == []  # counts stored: the same state fires once
    assert [d.id for d in service.deliveries(watch.id).items] == [conflict.id, claim.id]  # newest first


def test_a_matched_articles_story_is_followed(store):
    hook = Hook()
    service = watches(store, hook)
    service.add("https://hooks.example/in", query="ferry")
    [ferry_id] = ingest(store, article(FERRY, "Courier"))
    service.articles_added([ferry_id])
    story_id = store.article(ferry_id).story_id
    save(store, story(story_id, "conflicting"))
    [delivery] = service.stories_changed([story_id])
    assert delivery.subjects == [story_id] and hook.bodies[-1]["stories"][0]["conflicts"] == 1
