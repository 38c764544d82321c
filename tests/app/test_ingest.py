"""IngestService with stand-in models: chunked commits, stored incremental state, resuming after failures."""

import pytest
from fakes import BagOfWordsEncoder, CapitalisedWords
from sqlalchemy import text

from storyline.app import IngestService
from storyline.app.ingest import publication_order
from storyline.model import Article, content_id
from storyline.settings import Settings
from storyline.store import Store

PORT = "Port Velmora"
STORIES = {
    "fire": [
        f"A fire destroyed the Castellan Mills grain warehouse in {PORT} on Tuesday night. Harbour chief Ilona Varga "
        "said the blaze started in a conveyor shed and spread to the main warehouse before Kestrel crews arrived.",
        f"Castellan Mills said the fire at its {PORT} grain warehouse destroyed most of the winter stock. Ilona Varga, "
        "the harbour chief, said the conveyor shed where the blaze began had failed an inspection last year.",
        f"Insurers of Castellan Mills sent assessors to the burnt {PORT} grain warehouse, where Ilona Varga said the "
        "conveyor shed fire would cost the harbour months of grain exports and stock.",
    ],
    "chess": [
        "Tilde Marsh won the Orvand open chess championship on Sunday, beating defending champion Oskar Brill in a "
        "tense final round of the tournament in the Orvand city hall.",
        "Oskar Brill congratulated Tilde Marsh after the Orvand chess championship final, saying the youngest winner "
        "in the tournament's history had outplayed him in the endgame.",
    ],
}


def article(body: str, title: str = "") -> Article:
    raw = f"{title}\n\n{body}" if title else body
    return Article(id=content_id(raw), source=f"{content_id(raw)}.txt", raw=raw, format="text")


def corpus() -> list[Article]:
    return [article(body) for bodies in STORIES.values() for body in bodies]


def service(store: Store, chunk_size: int = 256, analyzer=None, **settings_changes) -> IngestService:
    settings = Settings(db_url=store.url, **settings_changes)
    return IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=analyzer or CapitalisedWords(),
                         chunk_size=chunk_size)


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


def partition(store: Store) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.stories().items}


def expected(articles: list[Article]) -> set[frozenset[str]]:
    ids = iter(a.id for a in articles)
    return {frozenset(next(ids) for _ in bodies) for bodies in STORIES.values()}


def test_ingest_groups_builds_dossiers_and_is_idempotent(store):
    articles = corpus()
    result = service(store).ingest(articles)
    assert (result.read, result.added, result.already_known, result.skipped) == (5, 5, 0, 0)
    assert len(result.stories_created) == 2 and result.dossiers_rebuilt == 2
    assert partition(store) == expected(articles)
    assert store.dirty() == {}
    again = service(store).ingest(corpus())
    assert (again.added, again.already_known, again.dossiers_rebuilt) == (0, 5, 0)
    assert partition(store) == expected(articles)


def test_chunked_and_incremental_runs_give_the_same_stories_as_one_run(tmp_path):
    articles = corpus()
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one:
        service(one).ingest(corpus())
        whole = partition(one)
    with Store(f"sqlite:///{tmp_path / 'chunks.db'}") as chunks:
        service(chunks, chunk_size=2).ingest(corpus())
        assert partition(chunks) == whole
    with Store(f"sqlite:///{tmp_path / 'runs.db'}") as runs:
        for a in corpus():  # one article per run, each with a fresh service reading the stored state
            result = service(runs).ingest([a])
            assert result.added == 1
        assert partition(runs) == whole == expected(articles)


@pytest.mark.parametrize("recent", [1, 3])
def test_time_windowed_candidates_group_chunks_and_runs_as_one_run(tmp_path, store_url, recent):
    """Beyond the exact limit (0 here) a chunk loads only the stories near its articles in time; which stories
    are eligible depends on the state alone, so chunks and separate runs still group as one run does (with a
    window of 1 article the undated fire report no longer meets its story, in every way of running it)."""
    window = {"story_exact_limit": 0, "story_window_days": 3, "story_recent_articles": recent}

    def dated() -> list[Article]:  # in publication order, so every way of running it sees the same arrivals
        out = corpus()
        for a, day in zip(out, ["2025-03-04", "2025-03-05", None, "2025-05-10", "2025-05-11"]):
            a.published = day
        return sorted(out, key=publication_order)

    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one:
        service(one, **window).ingest(dated())
        whole = partition(one)
    with Store(f"sqlite:///{tmp_path / 'chunks.db'}") as chunks:
        service(chunks, chunk_size=1, **window).ingest(dated())
        assert partition(chunks) == whole
    with Store(store_url) as runs:  # the stored windows on both databases
        for a in dated():
            assert service(runs, **window).ingest([a]).added == 1
        assert partition(runs) == whole
    assert (whole == expected(corpus())) == (recent == 3)


def test_one_article_joins_its_story_and_marks_only_that_story(store):
    articles = corpus()
    service(store).ingest(articles[:2] + articles[3:])
    late = articles[2]
    result = service(store).ingest([late])
    fire = next(s for s in store.stories().items if late.id in s.article_ids)
    assert result.stories_updated == [fire.id] and result.stories_created == [] and len(fire.article_ids) == 3


def test_interrupted_run_keeps_committed_chunks_and_the_rerun_finishes(store):
    articles = corpus()
    with pytest.raises(KeyboardInterrupt):
        service(store, chunk_size=2, analyzer=CapitalisedWords(fail_on=articles[3].id)).ingest(corpus())
    assert len(store.known_ids(a.id for a in articles)) == 2  # the first chunk landed whole, the rest not at all
    result = service(store, chunk_size=2).ingest(corpus())
    assert (result.added, result.already_known) == (3, 2)
    assert partition(store) == expected(articles) and store.dirty() == {}
    if store.is_sqlite:
        with store.reading() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_a_failed_dossier_stays_marked_and_the_next_run_builds_it(store, monkeypatch):
    import storyline.app.ingest as ingest_module

    real, calls = ingest_module.build_story, []

    def flaky(story_id, *args, **kwargs):
        calls.append(story_id)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return real(story_id, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "build_story", flaky)
    result = service(store).ingest(corpus())
    assert result.added == 5 and result.dossiers_rebuilt == 1 and len(store.dirty()) == 1
    again = service(store).ingest([])  # nothing new: the run still finishes what was left
    assert again.dossiers_rebuilt == 1 and store.dirty() == {} and len(partition(store)) == 2


def test_state_from_before_the_stored_profiles_is_rebuilt_once(store):
    articles = corpus()
    service(store).ingest(articles[:2] + articles[3:])
    with store.unit_of_work() as conn:  # a database upgraded from schema 0002 has articles but no state
        for table in ("group_state", "story_profiles", "entity_df", "lsh_bands"):
            conn.execute(text(f"DELETE FROM {table}"))
    service(store).ingest([articles[2]])
    assert partition(store) == expected(articles)


def test_a_syndicated_copy_joins_its_original_and_counts_once(store):
    wire = STORIES["fire"][0]
    copy = article(wire + " Reporting by the Northwire desk.")
    service(store).ingest([article(wire)])
    result = service(store).ingest([copy])
    assert result.duplicates == 1
    [story] = store.stories().items
    assert len(story.article_ids) == 2 and story.independent_sources == 1


def test_time_windowed_candidates_are_read_through_the_indexes(tmp_path):
    """Beyond the exact limit, the stories near a chunk in time are found by a range on an index, not by a pass
    over every story (an ORDER BY on the primary key once made SQLite walk all of them)."""
    from sqlalchemy import event

    window = {"story_exact_limit": 0, "story_window_days": 3, "story_recent_articles": 3}
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        service(store, **window).ingest(corpus()[:2])
        seen: list[tuple[str, tuple]] = []
        event.listen(store.engine, "before_cursor_execute",
                     lambda _c, _cur, statement, params, _ctx, _many: seen.append((statement, params)))
        late = corpus()[3]
        late.published = "2025-05-10"
        service(store, **window).ingest([late])
        anchors = [(s, p) for s, p in seen if "story_profiles.last_seq" in s.split("FROM")[0]
                   and "WHERE" in s and "story_profiles.last_" in s.split("WHERE")[1]]
        assert len(anchors) == 2  # the recent stories, the dated ones near its day
        with store.reading() as conn:
            for statement, params in anchors:
                plan = " ".join(str(row) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
                assert "SEARCH story_profiles USING INDEX ix_story_profiles_last_" in plan, plan


def test_the_dedup_window_decides_alike_in_one_run_and_in_separate_runs(tmp_path, store_url, monkeypatch):
    """The stored LSH index numbers articles as the in-memory one does, so the window (1 generation of 1 article
    here) gives the same copies found whether the articles come in one run or one per run; an exact copy is found
    beyond the window."""
    from storyline.group import dedup

    monkeypatch.setattr(dedup, "GENERATION", 1)
    wire = STORIES["fire"][0]
    articles = [article(wire), *corpus()[3:], article(wire + " Crews stayed overnight."),
                article(wire, title="Fire at the mills")]
    for day, a in enumerate(articles, start=1):  # dated in this order, so one run takes them in it too
        a.published = f"2025-03-0{day}"

    def copies(store: Store) -> list[str | None]:
        by_id = {a.id: a.duplicate_of for a in store.articles()}
        return [by_id[a.id] for a in articles]

    with Store(f"sqlite:///{tmp_path / 'one.db'}") as one:
        service(one, dedup_window=1).ingest(articles)
        whole = copies(one)
    with Store(store_url) as runs:
        for a in articles:
            assert service(runs, dedup_window=1).ingest([a]).added == 1
        assert copies(runs) == whole == [None, None, None, None, articles[0].id]


def test_the_band_lookup_is_answered_by_the_key(tmp_path):
    """Every (generation, band, hash) term of the lookup is a search on the table's key, never a scan."""
    from sqlalchemy import event

    with Store(f"sqlite:///{tmp_path / 'b.db'}") as store:
        service(store, dedup_window=5000).ingest(corpus()[:2])
        seen: list[tuple[str, tuple]] = []
        event.listen(store.engine, "before_cursor_execute",
                     lambda _c, _cur, statement, params, _ctx, _many: seen.append((statement, params)))
        service(store, dedup_window=5000).ingest(corpus()[2:3])
        [(statement, params)] = [(s, p) for s, p in seen if "FROM lsh_bands" in s]
        with store.reading() as conn:
            plan = " ".join(str(row) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
        assert "SCAN" not in plan and "SEARCH lsh_bands USING PRIMARY KEY" in plan, plan


def test_a_chunk_reads_its_stored_band_rows_in_one_pass(tmp_path):
    """The stored LSH rows a chunk's articles can meet are read once for the chunk, not once per article (each
    lookup was a statement of ~450 parameters, and their number grew with the generations in the window), and
    the copy is still found."""
    from sqlalchemy import event

    articles = corpus()
    copy = article(STORIES["fire"][0] + " Reporting by the Velmora Courier.")
    with Store(f"sqlite:///{tmp_path / 'p.db'}") as store:
        service(store).ingest(articles[:2])
        seen: list[str] = []
        event.listen(store.engine, "before_cursor_execute",
                     lambda _c, _cur, statement, _p, _ctx, _many: seen.append(statement))
        result = service(store).ingest([*articles[2:], copy])
        assert result.added == 4 and result.duplicates == 1
        assert len([s for s in seen if "FROM lsh_bands" in s]) == 1
        assert store.article(copy.id).duplicate_of == articles[0].id


def test_migration_0008_files_stored_band_rows_by_generation(store_url, monkeypatch):
    """A store from before generations (downgraded to 0007: plain band rows) is migrated back to the same rows:
    each article's bands in the generation of its arrival, its exact-copy row, and the count of articles banded;
    and the next ingest finds copies through them."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import select

    from storyline.group import dedup
    from storyline.store.database import MIGRATIONS
    from storyline.store.schema import lsh_bands

    monkeypatch.setattr(dedup, "GENERATION", 2)
    articles = corpus()
    for day, a in enumerate(articles, start=1):  # stored one run each, so their ingested_at is their arrival
        a.published = f"2025-03-0{day}"
    with Store(store_url) as store:
        for a in articles:
            service(store).ingest([a])
        with store.reading() as conn:
            rows = set(conn.execute(select(lsh_bands)).all())
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
    assert {r.generation for r in rows} == {dedup.EXACT, 0, 1, 2}
    with Store(store_url) as store:
        with store.reading() as conn:
            assert set(conn.execute(select(lsh_bands)).all()) == rows
        copy = service(store).ingest([article(STORIES["chess"][1] + " He left at once.")])
        assert copy.duplicates == 1


def test_vectors_of_another_kind_are_refused_before_any_work(store):
    """The store keeps how its vectors were made (here 128 word pieces); settings that make other vectors are a
    ConfigError naming both, and nothing is added."""
    from storyline.exceptions import ConfigError

    articles = corpus()
    service(store).ingest(articles[:2])
    with pytest.raises(ConfigError, match="128 word pieces, float; the settings ask for 256 word pieces"):
        service(store, embedding_max_tokens=256).ingest(articles[2:])
    assert len(store.articles()) == 2
    assert service(store, embedding_backend="onnx").ingest(articles[2:]).added == 3  # float vectors: the same


def test_migration_0010_marks_older_stores_as_read_to_the_models_limit(tmp_path):
    from alembic import command
    from alembic.config import Config

    from storyline.store.database import MIGRATIONS
    from storyline.store.state import StoredState

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as store:
        service(store, embedding_max_tokens=None).ingest(corpus()[:2])
        with store.engine.begin() as connection:  # as a store made before the identity was kept
            connection.execute(text("DELETE FROM group_state WHERE name = 'embedding'"))
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.downgrade(config, "0009")
    with Store(url) as store:
        with store.reading() as conn:
            assert StoredState(conn).embedding() == "256 word pieces, float"
        assert service(store, embedding_max_tokens=256).ingest(corpus()[2:]).added == 3
