
from datetime import date

import numpy as np
import pytest
from fakes import BagOfWordsEncoder

from storyline.analyze.facts import Analyze
from storyline.model import Article, content_id
from storyline.group.stories import Cluster, StoryClusterer, Weights
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


def test_days_outside_the_storys_dates_lower_the_score_and_unknown_or_same_day_is_neutral():
    clusterer = StoryClusterer(Settings(), encoder=BagOfWordsEncoder(), weights=Weights(time=0.7))
    clusterer.add(make(*FIRE_1, published="2031-03-04"))

    def score(published):
        return clusterer.score(clusterer._features(make(*FIRE_2, published=published), embed=True))[0]

    same, near, week, far, unknown = (score(p) for p in ("2031-03-04", "2031-03-05", "2031-03-11", "2033-09-01", None))
    assert same.total == pytest.approx(unknown.total)
    assert near.total == pytest.approx(same.total - 0.1)  # one day of seven: a seventh of the weight
    assert week.total == pytest.approx(far.total) == pytest.approx(same.total - 0.7)  # capped at a week
    assert near.time_gap_days == 1 and unknown.time_gap_days is None


STORM = [
    ("Storm Orla floods Port Velmora harbour",
     "Storm Orla flooded the harbour district of Port Velmora overnight. Harbour chief Ilona Varga said sea "
     "walls failed at two points and rescue boats evacuated families from flooded streets near the quay.",
     ["storm orla", "port velmora", "ilona varga"]),
    ("Port Velmora counts flood damage after Storm Orla",
     "Families returned to flooded streets in Port Velmora as harbour chief Ilona Varga said repairs to the "
     "failed sea walls would take weeks. Rescue boats stayed at the quay while the storm surge receded.",
     ["port velmora", "storm orla", "ilona varga"]),
]
BUDGET = ("Velmora council passes budget",
          "The Velmora city council passed next year's budget after a long debate on school funding and bus "
          "fares. Councillor Anders Brill said the vote came after Storm Orla flooded the harbour district, and "
          "a reserve was kept for repairs.",
          ["velmora city council", "anders brill", "storm orla"])
FOLLOW_UP = ("Storm Orla: Port Velmora sea walls to be rebuilt",
             "Harbour chief Ilona Varga said the sea walls of Port Velmora that failed when Storm Orla flooded the "
             "harbour district will be rebuilt, and rescue boats will stay at the quay until the flooded streets "
             "are dry.",
             ["ilona varga", "port velmora", "storm orla"])


def storm_story(weights: Weights) -> tuple[StoryClusterer, str]:
    clusterer = StoryClusterer(Settings(), encoder=BagOfWordsEncoder(), weights=weights)
    story = clusterer.add(make(*STORM[0], published="2031-03-04"))
    assert clusterer.add(make(*STORM[1], published="2031-03-05")) == story
    return clusterer, story


def test_a_story_running_for_days_takes_a_later_article_only_on_strong_textual_evidence():
    without_time, story = storm_story(Weights(time=0.0))
    assert without_time.add(make(*BUDGET, published="2031-03-07")) == story  # what the dates change below
    clusterer, story = storm_story(Weights())
    budget = make(*BUDGET, published="2031-03-07")
    undated = make(*BUDGET)
    (weak,) = clusterer.score(clusterer._features(budget, embed=True))
    (neutral,) = clusterer.score(clusterer._features(undated, embed=True))
    assert weak.total < neutral.total  # the same text, two days after the story's last article
    assert clusterer.add(budget) != story
    assert clusterer.add(make(*FOLLOW_UP, published="2031-03-09")) == story  # four days later, but the same event


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
    out = list(step.run(articles))
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
    out = list(Cluster(settings).run(Analyze(settings, facts=False).run(articles)))
    assert "port velmora" in out[0].entity_keys
    assert out[0].story_id == out[2].story_id != out[1].story_id
    assert out[0].embedding.shape == (384,)


def test_restored_copy_counts_in_its_story_without_changing_it():
    clusterer = StoryClusterer(Settings(), encoder=BagOfWordsEncoder())
    a = make(*FIRE_1)
    clusterer.add(a)
    copy = make(FIRE_1[0], "Wire copy: " + FIRE_1[1], duplicate_of=a.id, story_id=a.story_id)
    clusterer.restore([copy])
    assert clusterer.story_of[copy.id] == a.story_id and clusterer.profile(a.story_id).size == 2
    assert clusterer.docs == 1  # the copy did not count twice in the term statistics


def test_each_decision_is_kept_with_its_score_parts_and_runner_up(clusterer):
    a, b, c = make(*FIRE_1), make(*FIRE_2), make(*CHESS)
    copy = make(*FIRE_1[:2], duplicate_of=a.id)
    copy.id = "copy-of-a"
    for article in (a, c, b, copy):
        clusterer.add(article)
    started, other, joined, copied = clusterer.memberships
    assert started.decision == "started" and started.match is None and started.runner_up is None
    assert other.decision == "started" and other.runner_up.story_id == a.story_id
    assert other.runner_up.total < clusterer.threshold  # the best story fell short
    assert joined.decision == "joined" and joined.story_id == a.story_id and joined.threshold == 0.5
    assert joined.match.total >= 0.5 and joined.match.tfidf > 0 and joined.match.entities > 0.5
    assert joined.match.shared_entities == ["castellan mills", "ilona varga", "kestrel bay", "port velmora"]
    assert joined.runner_up.story_id == c.story_id and joined.runner_up.total < joined.match.total
    assert copied.decision == "copy" and copied.copy_of == a.id and copied.story_id == a.story_id


def test_a_story_profile_keeps_its_heaviest_terms_and_names_only(clusterer, monkeypatch):
    """A long-running story's profile stays bounded, so scoring against it costs the same as it grows."""
    from storyline.group import stories

    monkeypatch.setattr(stories, "PROFILE_TERMS", 12)
    monkeypatch.setattr(stories, "PROFILE_ENTITIES", 5)
    first = make(*FIRE_1)
    clusterer.add(first)
    for i in range(6):  # each update of the fire brings words and names of its own
        clusterer.add(make(FIRE_2[0], f"{FIRE_2[1]} Update {i}: crew{i} watch{i} relieved.", [*FIRE_2[2], f"crew {i}"]))
    profile = clusterer.profile(first.story_id)
    assert profile.size == 7 and profile.terms.nnz == 12
    assert len(profile.entities) == 5 and {"port velmora", "ilona varga"} <= set(profile.entities)
    kept = set(profile.terms.indices)
    velmora = clusterer._hasher.transform(["velmora"]).indices[0]
    assert velmora in kept  # named by every member, so among the heaviest
    assert clusterer.add(make(*FIRE_2, published=None)) == first.story_id


def test_beyond_the_exact_limit_only_stories_near_in_time_are_eligible():
    near = StoryClusterer(Settings(story_exact_limit=1, story_window_days=10, story_recent_articles=2),
                          encoder=BagOfWordsEncoder())
    fire, chess = make(*FIRE_1, published="2025-01-01"), make(*CHESS)
    near.add(fire)
    assert list(near.eligible(date(2025, 3, 1))) == [0]  # one story: exhaustive, however far
    near.add(chess)  # undated: a second story, beyond the limit
    assert list(near.eligible(date(2025, 1, 11))) == [0, 1]  # the fire within 10 days; the undated chess is recent
    assert list(near.eligible(date(2025, 1, 12))) == [1]
    near.add(make("Chess", "Oskar Brill will play Tilde Marsh again in the Orvand rematch next spring.",
                  ["tilde marsh", "oskar brill", "orvand"]))
    near.add(make("Chess", "Tilde Marsh said the Orvand rematch against Oskar Brill would be her last final.",
                  ["tilde marsh", "oskar brill", "orvand"]))
    assert near.stories == 2 and list(near.eligible(None)) == [1]  # two articles since the fire: it went quiet
    everything = StoryClusterer(Settings(), encoder=BagOfWordsEncoder())
    for a in (make(*FIRE_1, published="2025-01-01"), make(*CHESS)):
        everything.add(a)
    assert list(everything.eligible(date(2030, 1, 1))) == list(everything.eligible(None)) == [0, 1]
