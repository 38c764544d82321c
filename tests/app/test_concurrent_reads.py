"""Readers never see a half-ingested article: while an ingest commits chunk after chunk, a reader polling the
store finds every visible article complete.

Complete means what one ingest transaction writes together: the article with its story id, the grouping decision
that put it there (its membership), the story's grouping profile, its full-text entry (SQLite's FTS5 table;
PostgreSQL's search column is computed from the row), and a dossier that is either stored or marked for
rebuilding (the worker rebuilds it right after the batch; until then the article page shows no story title).
"""

import threading

import join_latency
from fakes import BagOfWordsEncoder, CapitalisedWords
from sqlalchemy import text

from storyline.app import IngestService
from storyline.settings import Settings
from storyline.store import Store

# One statement, so one snapshot on both databases (PostgreSQL's READ COMMITTED takes one per statement).
INCOMPLETE = """
SELECT a.id FROM articles a
LEFT JOIN memberships m ON m.article_id = a.id
LEFT JOIN story_profiles p ON p.story_id = a.story_id
WHERE a.story_id IS NULL OR m.story_id IS NULL OR m.story_id <> a.story_id OR p.story_id IS NULL
   OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id
                  UNION ALL SELECT 1 FROM dirty_stories d WHERE d.story_id = a.story_id)
"""
UNSEARCHABLE = "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.article_id = a.id)"


def test_a_reader_polling_during_an_ingest_sees_only_complete_articles(store_url):
    articles, _sizes = join_latency.corpus(60, seed=3)
    settings = Settings(db_url=store_url)
    with Store(store_url) as store:
        ingest = IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords(), chunk_size=3)
        failures: list[BaseException] = []

        def write() -> None:
            try:
                for start in range(0, len(articles), 6):  # two chunks per call, each call rebuilds its dossiers
                    ingest.ingest(articles[start : start + 6])
            except BaseException as e:  # noqa: BLE001 - handed to the test thread, which fails with it
                failures.append(e)

        writer = threading.Thread(target=write)
        writer.start()
        seen, incomplete = set(), []
        while writer.is_alive() or not seen:
            with store.reading() as conn:
                incomplete += conn.scalars(text(INCOMPLETE)).all()
                if store.is_sqlite:
                    incomplete += conn.scalars(text(UNSEARCHABLE)).all()
            page = store.article_page(limit=200)  # as the API reads: the article, then its membership
            memberships = store.memberships([a.id for a in page.items])
            incomplete += [a.id for a in page.items if a.story_id is None or a.id not in memberships]
            seen.add(page.total)
        writer.join()
        assert not failures, failures
        assert incomplete == []
        assert len(seen) >= 3, f"the reader saw the store only at {sorted(seen)} articles: no interleaving tested"
        assert store.article_page().total == len({a.id for a in articles})  # the corpus repeats one text
