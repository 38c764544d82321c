"""Get-one, paged and filtered story queries sorted in SQL, and deleting an article."""

from datetime import date

import pytest

from storyline.exceptions import ArticleNotFound, StoryNotFound
from storyline.model import Article, Claim, Story
from storyline.store import Store, StoryFilter


def article(i: str, story: str, outlet: str, published: str | None, text: str, keys=()) -> Article:
    return Article(id=i, source=f"{i}.txt", raw=text, format="text", text=text, outlet=outlet, published=published,
                   story_id=story, entity_keys=list(keys))


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        with s.unit_of_work() as conn:
            s.add_articles(conn, [
                article("a1", "s-storm", "Harbour Gazette", "2026-03-02", "Storm floods the Marhaven quay.", ["marhaven"]),
                article("a2", "s-storm", "Northwire", "2026-03-04", "Storm toll rises in Marhaven.", ["marhaven"]),
                article("a3", "s-rates", "Northwire", "2026-02-10", "Central bank raises rates.", ["central bank"]),
                article("a4", "s-old", "Coastal Courier", None, "An undated note about ferries."),
            ])
            conflict = Claim("31 dead.", "conflicting", {"a1": "31", "a2": "27"}, ["a1", "a2"], "2026-03-02", "dead")
            s.save_stories(conn, [
                Story("s-storm", "Storm", ["a1", "a2"], 2, "2026-03-02", "2026-03-04", claims=[conflict]),
                Story("s-rates", "Rates", ["a3"], 1, "2026-02-10", "2026-02-10"),
                Story("s-old", "Ferries", ["a4"], 1, None, None),
            ])
        yield s


def ids(page) -> list[str]:
    return [s.id for s in page.items]


def test_sorting_happens_in_sql_by_sources_date_and_size(store):
    assert ids(store.stories()) == ["s-storm", "s-rates", "s-old"]
    assert ids(store.stories(sort="date")) == ["s-storm", "s-rates", "s-old"]  # newest first, undated last
    assert ids(store.stories(sort="size")) == ["s-storm", "s-rates", "s-old"]


def test_filters_by_dates_outlet_entity_text_and_conflicts(store):
    assert ids(store.stories(StoryFilter(since=date(2026, 3, 1)))) == ["s-storm"]
    assert ids(store.stories(StoryFilter(until=date(2026, 2, 28)))) == ["s-rates"]
    assert ids(store.stories(StoryFilter(outlet="northwire"))) == ["s-storm", "s-rates"]
    assert ids(store.stories(StoryFilter(entity="Central  Bank"))) == ["s-rates"]
    assert ids(store.stories(StoryFilter(query="ferries"))) == ["s-old"]
    assert ids(store.stories(StoryFilter(has_conflicts=True))) == ["s-storm"]
    assert ids(store.stories(StoryFilter(min_articles=2))) == ["s-storm"]


def test_pages_know_their_total(store):
    page = store.stories(offset=1, limit=1)
    assert ids(page) == ["s-rates"] and page.total == 3 and page.more == 1


def test_get_one_and_not_found(store):
    assert store.story("s-storm").article_ids == ["a1", "a2"]
    assert store.article("a3").outlet == "Northwire"
    with pytest.raises(StoryNotFound, match="no story with id 'nope'"):
        store.story("nope")
    with pytest.raises(ArticleNotFound, match="storyline articles"):
        store.article("nope")


def test_article_pages_newest_first(store):
    page = store.article_page(limit=2)
    assert [a.id for a in page.items] == ["a2", "a1"] and page.total == 4
    assert [a.id for a in store.article_page(story_id="s-storm").items] == ["a2", "a1"]


def test_deleting_an_article_marks_its_story_and_updates_search(store):
    assert store.delete_article("a2") == "s-storm"
    assert set(store.dirty()) == {"s-storm"}
    assert store.search("toll").total == 0  # the search index follows the table (triggers)
    with pytest.raises(ArticleNotFound):
        store.delete_article("a2")


def test_grouping_decisions_are_stored_and_deleted_with_their_article(store_url):
    from fakes import BagOfWordsEncoder, CapitalisedWords

    from storyline.app import IngestService
    from storyline.model import Article, content_id
    from storyline.settings import Settings
    from storyline.store import Store

    texts = ["Quillon ferry aground\n\nThe Quillon ferry Lantern ran aground at Quillon Point, Maren Holt said.",
             "Lantern aground at Quillon\n\nMaren Holt said the Lantern ferry ran aground near Quillon Point."]
    settings = Settings(db_url=store_url)
    with Store(settings.db_url) as store:
        IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(
            [Article(id=content_id(t), source=f"{n}.txt", raw=t, format="text") for n, t in enumerate(texts)])
        ids = [content_id(t) for t in texts]
        kept = store.memberships(ids + ["unknown"])
        assert sorted(m.decision for m in kept.values()) == ["joined", "started"] and set(kept) == set(ids)
        joined = next(m for m in kept.values() if m.decision == "joined")
        assert joined.match.story_id == joined.story_id and "quillon" in joined.match.shared_entities
        store.delete_article(joined.article_id)
        assert set(store.memberships(ids)) == set(ids) - {joined.article_id}
