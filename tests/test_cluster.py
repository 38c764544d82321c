import hashlib
import re

import numpy as np
import pytest

from storyline.analyze.entities import Entities
from storyline.article import Article, content_id
from storyline.cluster import Cluster, StoryClusterer, Weights
from storyline.pipeline import LocalExecutor
from storyline.settings import Settings

FIRE_1 = (
    "Fire destroys grain warehouse in Port Velmora",
    "A fire destroyed the Castellan Mills grain warehouse in Port Velmora on Tuesday night. Harbour chief "
    "Ilona Varga said the blaze started in a conveyor shed and spread to the main warehouse. Firefighters "
    "from Kestrel Bay helped contain the fire before it reached the fuel depot.",
    ["port velmora", "castellan mills", "ilona varga", "kestrel bay"],
)
FIRE_2 = (
    "Port Velmora warehouse fire: grain losses mount",
    "Castellan Mills said the fire at its Port Velmora grain warehouse destroyed most of the winter stock. "
    "Ilona Varga, the harbour chief, said the conveyor shed where the blaze began had failed an inspection. "
    "Crews from Kestrel Bay stayed at the warehouse overnight.",
    ["castellan mills", "port velmora", "ilona varga", "kestrel bay"],
)
CHESS = (
    "Tilde Marsh wins Orvand chess championship",
    "Tilde Marsh won the Orvand open chess championship on Sunday, beating defending champion Oskar Brill "
    "in a tense final round. Marsh, 19, is the youngest winner in the tournament's history.",
    ["tilde marsh", "orvand", "oskar brill"],
)


def make(title, text, entities=(), published=None, **kw):
    return Article(id=content_id(title + text), source="test", raw=text, format="text", title=title, text=text,
                   entity_keys=list(entities), published=published, **kw)


class BagOfWordsEncoder:
    """Stands in for MiniLM in fast tests: hashed word counts, L2-normalised."""

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]{4,}", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@pytest.fixture
def clusterer():
    return StoryClusterer(Settings(), encoder=BagOfWordsEncoder())


def test_same_event_joins_and_unrelated_starts_new_story(clusterer):
    a, b, c = make(*FIRE_1), make(*FIRE_2), make(*CHESS)
    first = clusterer.add(a)
    assert first == "s" + a.id[:10] == a.story_id
    assert clusterer.add(b) == first
    assert clusterer.add(c) == "s" + c.id[:10]
    assert a.embedding.dtype == np.float32 and a.embedding.shape == (256,)


def test_scoring_is_separate_from_deciding(clusterer):
    a, b = make(*FIRE_1), make(*FIRE_2)
    clusterer.add(a)
    (score,) = clusterer.score(clusterer._features(b, embed=True))
    assert score.story_id == a.story_id and score.entities > 0.5 and score.tfidf > 0
    assert clusterer.decide([score]) is score
    assert clusterer.decide([]) is None


def test_dates_agreeing_raise_and_far_apart_lower_the_score():
    clusterer = StoryClusterer(Settings(), encoder=BagOfWordsEncoder(), weights=Weights(time=0.2))
    clusterer.add(make(*FIRE_1, published="2031-03-04"))
    near = clusterer.score(clusterer._features(make(*FIRE_2, published="2031-03-05"), embed=True))[0]
    far = clusterer.score(clusterer._features(make(*FIRE_2, published="2033-09-01"), embed=True))[0]
    unknown = clusterer.score(clusterer._features(make(*FIRE_2), embed=True))[0]
    assert far.total < unknown.total < near.total
    assert near.time_gap_days == 1 and unknown.time_gap_days is None


def test_restore_then_add_continues_without_recomputing_stored_embeddings():
    encoder = BagOfWordsEncoder()
    first = StoryClusterer(Settings(), encoder=encoder)
    a, c = make(*FIRE_1), make(*CHESS)
    first.add(a)
    first.add(c)
    stored = [make(*FIRE_1, story_id=a.story_id, embedding=a.embedding),
              make(*CHESS, story_id=c.story_id, embedding=c.embedding)]

    encoder = BagOfWordsEncoder()
    second = StoryClusterer(Settings(), encoder=encoder)
    second.restore(stored)
    assert encoder.calls == 0
    b = make(*FIRE_2)
    assert second.add(b) == a.story_id
    assert encoder.calls == 1
    assert second.add(stored[1]) == c.story_id  # already known: no new story, no new vector
    assert encoder.calls == 1


def test_duplicate_joins_its_originals_story(clusterer):
    a, c = make(*FIRE_1), make(*CHESS)
    clusterer.add(a)
    clusterer.add(c)
    copy = make(CHESS[0], "Syndicated: " + CHESS[1], duplicate_of=c.id)
    assert clusterer.add(copy) == c.story_id
    assert copy.embedding is None  # nothing computed for a copy


def test_cluster_step_assigns_in_order_received():
    articles = [make(*FIRE_1), make(*CHESS), make(*FIRE_2)]
    step = Cluster(Settings(), StoryClusterer(Settings(), encoder=BagOfWordsEncoder()))
    out = LocalExecutor().run([step], articles)
    assert [a.id for a in out] == [a.id for a in articles]
    assert out[0].story_id == out[2].story_id != out[1].story_id


def test_works_without_embeddings():
    clusterer = StoryClusterer(Settings(use_embeddings=False))
    a, b, c = make(*FIRE_1), make(*FIRE_2), make(*CHESS)
    assert clusterer.add(a) == clusterer.add(b) != clusterer.add(c)
    assert a.embedding is None


@pytest.mark.slow
def test_real_models_end_to_end():
    settings = Settings()
    articles = [make(*FIRE_1[:2]), make(*CHESS[:2]), make(*FIRE_2[:2])]
    out = LocalExecutor().run([Entities(settings), Cluster(settings)], articles)
    assert "port velmora" in out[0].entity_keys
    assert out[0].story_id == out[2].story_id != out[1].story_id
    assert out[0].embedding.shape == (384,)


def test_restored_copy_counts_in_its_story_without_changing_it():
    clusterer = StoryClusterer(Settings(), encoder=BagOfWordsEncoder())
    a = make(*FIRE_1)
    clusterer.add(a)
    copy = make(FIRE_1[0], "Wire copy: " + FIRE_1[1], duplicate_of=a.id, story_id=a.story_id)
    clusterer.restore([copy])
    assert clusterer.story_of[copy.id] == a.story_id and clusterer.stories[a.story_id].size == 2
    assert clusterer._docs == 1  # the copy did not count twice in the term statistics
