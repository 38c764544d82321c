import numpy as np
import pytest
from sqlalchemy import inspect

from storyline.article import Article, Removed
from storyline.dossier import Story, SummarySentence
from storyline.exceptions import DatabaseError
from storyline.store import Store


def make_article(i: str, text: str, **kw) -> Article:
    return Article(id=i, source=f"/corpus/{i}.txt", raw=f"NAV | NAV\n{text}", format="text", text=text, **kw)


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
    store.add_articles([a, make_article("a2", "Undated piece about the quotas.")])
    assert store.known_ids(["a1", "zz"]) == {"a1"}
    light = {x.id: x for x in store.articles()}
    assert light["a1"].raw == "" and light["a1"].embedding is None  # heavy columns only on request
    [full] = store.articles(["a1"], with_raw=True, with_vectors=True)
    assert full.raw.startswith("NAV") and full.removed == [Removed("Read also: x", "related-links")]
    assert full.embedding.tolist() == [0, 1, 2, 3] and full.minhash.dtype == np.uint32
    assert [x.id for x in store.articles()] == ["a1", "a2"]  # dated first, undated last


def test_full_text_search_treats_input_as_a_phrase(store):
    store.add_articles([make_article("a1", "The harbour master ordered an evacuation of the quay.")])
    assert [h[0] for h in store.search("harbour master")] == ["a1"]
    assert store.search('evacuation" OR "x') == []  # FTS syntax in user input is not interpreted


def test_stories_are_replaced_not_duplicated(store):
    store.add_articles([make_article("a1", "x", story_id="s1", published="2024-11-30")])
    story = Story("s1", "Quota protest", ["a1"], 1, "2024-11-30", "2024-11-30", [SummarySentence("Fishermen protested.", ["a1"])])
    store.save_stories([story])
    store.save_stories([story])
    [back] = store.stories()
    assert back == story


def test_unusable_database_url_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match="cannot open database"):
        Store(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")


def test_upgrade_from_the_first_schema_keeps_articles(tmp_path):
    """A database made by storyline/1 (migration 0001) opens after the fact layer's migration, data intact."""
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
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO articles (id, source, format, raw, text, removed, entities, ingested_at) "
            "VALUES ('old1', 'old.txt', 'text', 'raw', 'Ferry resumes.', '[]', '[\"marhaven\"]', '2024-12-01 10:00:00')"
        ))
    engine.dispose()
    store = Store(url)
    [article] = store.articles()
    assert article.entity_keys == ["marhaven"] and article.entities == [] and article.quotes == []
    store.close()


def test_fact_layer_round_trips(store):
    from storyline.facts import DateMention, Entity, NumberClaim, Quote
    from storyline.reconcile.claims import Claim
    from storyline.reconcile.coverage import Coverage
    from storyline.reconcile.entities import StoryEntity
    from storyline.reconcile.quotes import StoryQuote
    from storyline.reconcile.timeline import Event

    sentence = "Between 40 and 50 boats left Marhaven on Tuesday."
    a = make_article(
        "a1", sentence, story_id="s1", published="2024-11-27",
        entities=[Entity("Marhaven", "GPE", ["the port"], None)],
        quotes=[Quote("We will rebuild", "Ana Rusk", True, 0, 15)],
        numbers=[NumberClaim("Between 40 and 50", (40.0, 50.0), "range", None, "boats", 0, 17, sentence)],
        dates=[DateMention("on Tuesday", "2024-11-26", sentence, 38, 48)],
    )
    store.add_articles([a])
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
    store.save_stories([story])
    assert store.stories() == [story]


def test_facts_are_left_out_on_request(store):
    from storyline.facts import Quote

    store.add_articles([make_article("a1", "Ferry resumes.", quotes=[Quote("We sail again", "Ana Rusk", True, 0, 13)])])
    assert store.articles()[0].quotes and store.articles(with_facts=False)[0].quotes == []
