"""`batch --stages group`: the fast path's own encoder and grouping keys (no models, so no stand-ins needed),
stories without facts, and a load that says so and keeps later ingests from mixing vectors of two kinds."""

import json

import numpy as np
import pytest
from batch_corpus import CHESS, COPY, FIRE, write_corpus
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.analyze.phrases import capitalised_phrases
from storyline.app import BatchService, IngestService, load_batch
from storyline.engine import Drops
from storyline.exceptions import ConfigError
from storyline.export import parquet
from storyline.settings import Settings
from storyline.sources import read_paths
from storyline.store import Store
from storyline.vectors import HashedWords, embedding_identity, settings_encoder

pytest.importorskip("pyarrow")

FAST = Settings(stages="group")


def test_capitalised_phrases_keep_names_and_drop_words_capitalised_by_position():
    text = "The harbour chief Ilona Varga said. Police closed the Port Velmora road; the police said nothing."
    assert capitalised_phrases(text) == ["ilona varga", "port velmora"]


def test_hashed_words_are_normalised_and_share_dimensions_for_shared_words():
    vectors = HashedWords().encode([FIRE[0], FIRE[1], CHESS[0], ""])
    assert vectors.shape == (4, HashedWords.dimension) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0) and not vectors[3].any()
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_the_fast_stages_choose_their_own_encoder_threshold_and_vector_identity():
    assert isinstance(settings_encoder(FAST), HashedWords)
    assert FAST.story_join == FAST.thresholds.story_join_fast and Settings().story_join == 0.5
    assert embedding_identity(FAST) != embedding_identity(Settings())
    with pytest.raises(ConfigError, match="stages"):
        Settings(stages="facts")


def test_fast_batch_groups_and_finds_copies_without_facts(tmp_path):
    out = tmp_path / "out"
    result = BatchService(FAST, chunk_size=2, shard_bytes=1).run([write_corpus(tmp_path / "in")], out)
    assert (result.read, result.articles, result.duplicates, result.stories) == (6, 6, 1, 2)
    articles = {a.id: a for shard in (out / "shards").glob("*.parquet") for a in parquet.read_articles(shard)}
    assert all(a.entities == [] and a.quotes == [] and a.numbers == [] for a in articles.values())
    assert "ilona varga" in articles[next(i for i, a in articles.items() if a.text == FIRE[0])].entity_keys
    stories = list(parquet.read_stories(out / "stories.parquet"))
    grouped = {frozenset(articles[i].text[:40] for i in s.article_ids) for s in stories}
    assert grouped == {frozenset(t[:40] for t in [*FIRE, COPY]), frozenset(t[:40] for t in CHESS)}
    fire = next(s for s in stories if len(s.article_ids) == 4)
    assert (fire.first_published, fire.last_published) == ("2026-03-03", "2026-03-05") and fire.title
    assert fire.claims == [] and fire.summary == [] and fire.timeline == []
    assert json.loads((out / "batch.json").read_text())["stages"] == "group"


def test_a_fast_batch_loads_and_a_later_ingest_with_model_vectors_is_refused(tmp_path, store_url):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    BatchService(FAST).run([corpus], out)
    settings = Settings(db_url=store_url)
    with Store(store_url) as store:
        loaded = load_batch(store, settings, out)
        assert (loaded.articles, loaded.stories, loaded.stages) == (6, 2, "group")
        assert all(s.title for s in store.stories().items)
        service = IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords())
        with pytest.raises(ConfigError, match="hashed words"):
            service.ingest(read_paths([corpus / "a.jsonl"], Drops()))
