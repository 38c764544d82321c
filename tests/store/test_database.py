import numpy as np
import pytest
from sqlalchemy import inspect

from storyline.model import Article, Removed
from storyline.model import Story, SummarySentence
from storyline.exceptions import StoreError
from storyline.store import Store


def make_article(i: str, text: str, **kw) -> Article:
    return Article(id=i, source=f"/corpus/{i}.txt", raw=f"NAV | NAV\n{text}", format="text", text=text, **kw)


def add(store: Store, articles: list[Article]) -> None:
    with store.unit_of_work() as conn:
        store.add_articles(conn, articles)


def save(store: Store, stories: list[Story]) -> None:
    with store.unit_of_work() as conn:
        store.save_stories(conn, stories)


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'test.db'}")
    yield s
    s.close()


def test_migrations_create_tables_and_reopen_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    Store(url).close()
    store = Store(url)
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "stories", "alembic_version", "article_search"} <= tables
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_articles_round_trip_with_vectors(store):
    a = make_article(
        "a1", "Fishermen in Marhaven protested new quotas.", title="Quota protest", outlet="Coastal Courier",
        published="2024-11-30", published_evidence="dateline", language="en", removed=[Removed("Read also: x", "related-links")],
        story_id="s1", entity_keys=["marhaven"], embedding=np.arange(4, dtype=np.float32), minhash=np.arange(8, dtype=np.uint32),
    )
    add(store, [a, make_article("a2", "Undated piece about the quotas.")])
    assert store.known_ids(["a1", "zz"]) == {"a1"}
    light = {x.id: x for x in store.articles()}
    assert light["a1"].raw == "" and light["a1"].embedding is None  # heavy columns only on request
    [full] = store.articles(["a1"], with_raw=True, with_vectors=True)
    assert full.raw.startswith("NAV") and full.removed == [Removed("Read also: x", "related-links")]
    assert full.embedding.tolist() == [0, 1, 2, 3] and full.minhash.dtype == np.uint32
    assert [x.id for x in store.articles()] == ["a1", "a2"]  # dated first, undated last


def test_full_text_search_words_phrases_or_and_prefix(store):
    add(store, [make_article("a1", "The harbour master ordered an evacuation of the quay."),
                make_article("a2", "Ferry fares rise again.")])

    def ids(query):
        return sorted(h[0] for h in store.search(query).items)

    assert ids("harbour master") == ["a1"] and ids("master harbour") == ["a1"]  # words, any order
    assert ids('"master ordered"') == ["a1"] and ids('"ordered master"') == []  # a phrase keeps its order
    assert ids("quay OR fares") == ["a1", "a2"] and ids("evac*") == ["a1"]
    assert ids('evacuation" NEAR( col:x') == []  # anything else is words, never FTS syntax or an error
    page = store.search("the OR again", limit=1)
    assert page.total == 2 and len(page.items) == 1 and page.more == 1


def test_stories_are_replaced_not_duplicated(store):
    add(store, [make_article("a1", "x", story_id="s1", published="2024-11-30")])
    story = Story("s1", "Quota protest", ["a1"], 1, "2024-11-30", "2024-11-30", [SummarySentence("Fishermen protested.", ["a1"])])
    save(store, [story])
    save(store, [story])
    [back] = store.stories().items
    assert back == story == store.story("s1")


def test_unusable_database_url_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open database"):
        Store(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")


def _old_database(tmp_path, revision: str, *statements) -> str:
    """A SQLite database migrated only to ``revision`` with ``statements`` ((sql, params)) run in it: its URL."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from storyline.store.database import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for sql, params in statements:
            connection.execute(text(sql), params)
    engine.dispose()
    return url


def test_upgrade_from_the_first_schema_keeps_articles(tmp_path):
    """A database made by storyline/1 (migration 0001) opens after the fact layer's migration, data intact."""
    from sqlalchemy import text

    url = _old_database(tmp_path, "0001", (
        "INSERT INTO articles (id, source, format, raw, text, removed, entities, published, ingested_at) "
        "VALUES ('old1', 'old.txt', 'text', 'raw', 'Ferry resumes.', '[]', '[\"marhaven\"]', "
        "'2024-11-30T08:00:00+01:00', '2024-12-01 10:00:00')", {}))
    with Store(url, migrate=False) as store:
        assert store.revision()[0] == "0001"
    with Store(url) as store:
        current, head = store.revision()
        assert current == head and store.upgrade() is False  # migrated once, on open
        [article] = store.articles()
        assert article.entity_keys == ["marhaven"] and article.entities == [] and article.quotes == []
        with store.reading() as conn:  # the typed day was filled in from the stored ISO string
            assert str(conn.execute(text("SELECT published_day FROM articles")).scalar()) == "2024-11-30"
        assert [h[0] for h in store.search("ferry").items] == ["old1"]


def test_upgrade_to_story_recency_counts_stored_stories_as_recent(tmp_path):
    """Migration 0007: stories stored before it get the corpus's current article count as their arrival, so an
    undated article still meets them until newer articles push them out of the recent window."""
    from sqlalchemy import text

    url = _old_database(
        tmp_path, "0006",
        ("INSERT INTO group_state (name, value) VALUES ('docs', :v)", {"v": (42).to_bytes(8, "big")}),
        ("INSERT INTO story_profiles (story_id, size, entities, last_day) VALUES ('s1', 3, '{}', '2025-03-04')", {}))
    with Store(url) as store, store.reading() as conn:
        assert conn.execute(text("SELECT last_seq FROM story_profiles")).scalar() == 42


def test_fact_layer_round_trips(store):
    from storyline.model import DateMention, Entity, NumberClaim, Quote
    from storyline.model import Claim
    from storyline.model import Coverage
    from storyline.model import StoryEntity
    from storyline.model import StoryQuote
    from storyline.model import Event

    sentence = "Between 40 and 50 boats left Marhaven on Tuesday."
    a = make_article(
        "a1", sentence, story_id="s1", published="2024-11-27",
        entities=[Entity("Marhaven", "GPE", ["the port"], None)],
        quotes=[Quote("We will rebuild", "Ana Rusk", True, 0, 15)],
        numbers=[NumberClaim("Between 40 and 50", (40.0, 50.0), "range", None, "boats", 0, 17, sentence)],
        dates=[DateMention("on Tuesday", "2024-11-26", sentence, 38, 48)],
    )
    add(store, [a])
    [back] = store.articles()
    assert (back.entities, back.quotes, back.numbers, back.dates) == (a.entities, a.quotes, a.numbers, a.dates)
    story = Story(
        "s1", "Boats leave", ["a1"], 1, "2024-11-27", "2024-11-27", [],
        entities=[StoryEntity("Marhaven", "GPE", [], None, ["a1"])],
        quotes=[StoryQuote("Ana Rusk", "We will rebuild", True, ["a1"])],
        claims=[Claim(sentence, "single_source", {"a1": "Between 40 and 50"}, ["a1"], "2024-11-26", "boats")],
        timeline=[Event("2024-11-26", sentence, ["a1"], "2024-11-27")],
        coverage={"Coastal Courier": Coverage(["x"], [])},
    )
    save(store, [story])
    assert store.stories().items == [story]


def test_facts_are_left_out_on_request(store):
    from storyline.model import Quote

    add(store, [make_article("a1", "Ferry resumes.", quotes=[Quote("We sail again", "Ana Rusk", True, 0, 13)])])
    assert store.articles()[0].quotes and store.articles(with_facts=False)[0].quotes == []


def test_provenance_fields_round_trip(store):
    a = make_article("p1", "Undated wire report.", outlet="Coastal Courier", outlet_evidence="copyright", origin="CPA",
                     reference_date="2026-03-02", reference_evidence="dateline", fetched_at="2026-03-03T08:00:00+00:00")
    add(store, [a])
    back = store.article("p1")
    assert (back.outlet_evidence, back.origin, back.reference_date, back.reference_evidence) == (
        "copyright", "CPA", "2026-03-02", "dateline")
    assert back.published is None and back.fetched_at.startswith("2026-03-03T08:00")
