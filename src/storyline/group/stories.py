"""Grouping articles into stories, incrementally: each new article joins the best-matching story or starts one.

Each story keeps running sums (embedding centroid, term-frequency profile, entity counts, date range), so
adding an article costs one comparison against the stories, not a re-clustering. Beyond
``Settings.story_exact_limit`` stories, an article is compared only with the stories near it in time (publication
day, or arrival for the undated; :meth:`StoryClusterer.eligible`), so the store can read just those. Scoring
(:meth:`StoryClusterer.score`) is separate from deciding (:meth:`StoryClusterer.decide`, the only place a
threshold is applied); each decision is kept as a ``Membership`` (winning score's parts, runner-up) for the UI.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, NamedTuple, Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from ..engine import Step
from ..exceptions import ConfigError
from ..model import Article, Membership, StoryMatch
from ..settings import Settings
from ..text import iso_day
from ..vectors import Encoder, settings_encoder

EMBED_CHARS = 2000  # the lead is what places an article in a story; the encoder reads its first word pieces
TFIDF_FEATURES = 2**18
CANDIDATES = 30  # stories nearest by embedding that get the full score
# What a story profile keeps: its heaviest terms and most-named entities. A long-running story would otherwise
# carry every word and name its members ever used, and scoring, reading and writing it would grow with it.
# ECB+ sub-topics stay well under both caps (at most 1,632 distinct terms), so tuning and benchmarks/grouping.py
# are unchanged by them.
PROFILE_TERMS = 3000
PROFILE_ENTITIES = 300
BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class Weights:
    """How the score components combine.

    Tuned on ECB+ topics 1-20 (``benchmarks/grouping.py --tune``: embedding 0.15, tfidf 0.35, entities 0.5,
    join at 0.2), then multiplied by 2.5 so that the join decision sits at the default
    ``Thresholds.story_join`` = 0.5. ``time`` is a penalty only: a dated article one day away from a dated
    story's range loses ``time / time_scale_days``, a week or more away loses ``time``; so a story that runs
    for days takes a later article only on textual evidence that grows with the gap, and an undated side is
    neutral. ECB+ barely dates (its ``ecb`` half never): cross-validation within topics 1-20 showed time 0.25
    to 0.5 as good as 0 (see benchmarks/results/grouping.md); the dated sample corpus (examples/corpus), where
    a rate decision and a shipwreck follow a storm in the same country by days, chose 0.5 in that range.
    """

    embedding: float = 0.375  # cosine of the article embedding to the story centroid
    tfidf: float = 0.875  # cosine to the story's TF-IDF profile, IDF from the document frequencies seen so far
    entities: float = 1.25  # cosine of IDF-weighted entity vectors (story side: share of members naming each)
    time: float = 0.5  # penalty for a publication date time_scale_days or more outside the story's dates
    time_scale_days: float = 7.0


@dataclass(slots=True)
class Profile:
    """A story's running sums: what scoring an article against it needs, and what the store keeps of it."""

    size: int = 0  # members, syndicated copies included
    centroid: np.ndarray | None = None  # sum of member embeddings
    terms: sp.csr_matrix | None = None  # sum of member tf vectors (1 x TFIDF_FEATURES)
    entities: Counter = field(default_factory=Counter)  # grouping key -> members naming it
    first: date | None = None
    last: date | None = None
    seen: int = 0  # the corpus's article count when the story last took an article (arrival time)


class Anchor(NamedTuple):
    """What finding a stored story as a candidate needs, without its full profile."""

    centroid: np.ndarray | None
    first: date | None
    last: date | None
    seen: int


_UNDATED = -1  # day ordinal of a story without dates


@dataclass(slots=True)
class _Features:
    embedding: np.ndarray | None
    tf: sp.csr_matrix  # 1 x TFIDF_FEATURES, sublinear term frequencies, L2-normalised
    entities: list[str]
    day: date | None


class ProfileSource(Protocol):
    """Where stored state comes from (the store, inside the ingest transaction); see ``store.state``."""

    def profiles(self, story_ids: list[str]) -> dict[str, Profile]: ...

    def story_of(self, article_id: str) -> str | None: ...

    def entity_df(self, keys: list[str]) -> dict[str, int]: ...


def article_text(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


class StoryClusterer:
    """Incremental story assignment: load() stored state (or restore() articles), then add() new ones in order.

    The loaded stories' anchors (centroid, dates, arrival) are held for the nearest-story search; a story's
    full profile (terms, entities) is read from ``source`` only when it is a candidate. Which stories are
    eligible at all is a function of the state alone (:meth:`eligible`), so a run split into chunks that each
    load only the stories eligible for them groups as one run holding everything. ``touched`` names the
    stories whose profiles changed, for the store to write back.
    """

    def __init__(self, settings: Settings, encoder: Encoder | None = None, weights: Weights | None = None) -> None:
        self.threshold = settings.story_join
        # the fast path (stages "group") scores fewer candidates: scoring is most of its single-process phase
        self.candidates = settings.story_candidates_fast if settings.stages == "group" else CANDIDATES
        self.exact_limit = settings.story_exact_limit
        self.window_days = settings.story_window_days
        self.recent_articles = settings.story_recent_articles
        self.stories = 0  # in the whole corpus, loaded or not
        self.weights = weights or Weights()
        self.encoder = settings_encoder(settings, encoder)
        self._hasher = HashingVectorizer(
            n_features=TFIDF_FEATURES, alternate_sign=False, norm=None, stop_words="english",
            dtype=np.float32,
        )
        self.source: ProfileSource | None = None
        self.profiles: dict[str, Profile | None] = {}  # story id -> profile (None: stored, not loaded yet)
        self.story_of: dict[str, str] = {}  # article id -> story id, for articles seen in this process
        self.touched: set[str] = set()
        self.memberships: list[Membership] = []  # decisions made since the last save, for the store to keep
        self.df = np.zeros(TFIDF_FEATURES, dtype=np.int32)
        self.entity_df: Counter = Counter()
        self.entity_df_delta: Counter = Counter()
        self._df_read: set[str] | None = None  # entity keys whose stored df is in entity_df (None: all are)
        self.docs = 0
        self._ids: list[str] = []  # row -> story id
        self._rows: dict[str, int] = {}
        self._centroid_sums = np.zeros((0, 0), dtype=np.float32)
        self._centroids = np.zeros((0, 0), dtype=np.float32)  # L2-normalised rows
        self._first = np.zeros(0, dtype=np.int64)  # row -> first day's ordinal, or _UNDATED
        self._last = np.zeros(0, dtype=np.int64)
        self._seen = np.zeros(0, dtype=np.int64)
        self._query: np.ndarray | None = None  # see _dense

    # ---- state -------------------------------------------------------------------------------------

    def load(self, source: ProfileSource, anchors: dict[str, Anchor], stories: int, df: np.ndarray, docs: int,
             entity_df: Counter | None = None) -> None:
        """Stored state: the anchors of (at least) every story eligible for the articles to come, the number of
        stories in all, corpus statistics; profiles come from ``source`` lazily, and so do entity document
        frequencies unless ``entity_df`` gives them all."""
        self.source = source
        self.df, self.docs, self.stories = df, docs, stories
        self.entity_df, self._df_read = (Counter(), set()) if entity_df is None else (entity_df, None)
        for story_id, anchor in anchors.items():
            row = self._row(story_id)
            self.profiles[story_id] = None
            if anchor.centroid is not None:
                self._add_embedding(row, anchor.centroid)
            self._place(row, anchor.first, anchor.last, anchor.seen)

    def exhaustive(self) -> bool:
        """Few enough stories that every one is a candidate (as an exhaustive search would have it)."""
        return self.stories <= self.exact_limit

    def eligible(self, day: date | None) -> np.ndarray:
        """Rows of the stories an article of ``day`` may join: all while :meth:`exhaustive`; beyond, the dated
        stories within ``window_days`` of a dated article's day, and the stories that took one of the last
        ``recent_articles`` articles (for an undated article, or an undated story, time can only be arrival)."""
        n = len(self._ids)
        if self.exhaustive():
            return np.arange(n)
        recent = self._seen[:n] > self.docs - self.recent_articles
        if day is None:
            return np.flatnonzero(recent)
        d, first, last = day.toordinal(), self._first[:n], self._last[:n]
        near = (first - self.window_days <= d) & (d <= last + self.window_days)
        return np.flatnonzero(np.where(first == _UNDATED, recent, near))

    def restore(self, articles: Iterable[Article]) -> None:
        """Fold in articles already assigned (with stored embeddings); unassigned ones are added."""
        pending = []
        for article in articles:
            if article.story_id is None:
                pending.append(article)
            elif article.id in self.story_of:
                continue
            elif article.duplicate_of and article.story_id in self.profiles:
                self._count_copy(article, article.story_id)
            else:
                self._register(article, self._features(article, embed=False), article.story_id)
        for article in pending:
            self.add(article)

    def add(self, article: Article) -> str:
        """Assign ``article`` to a story (setting ``story_id``) and return the story id."""
        if article.id in self.story_of:
            article.story_id = self.story_of[article.id]
            return article.story_id
        original = self._story_of(article.duplicate_of) if article.duplicate_of else None
        if original is not None:
            self._count_copy(article, original)
            self.memberships.append(Membership(article.id, original, "copy", self.threshold, copy_of=article.duplicate_of))
            return original
        features = self._features(article, embed=True)
        scores = self.score(features)
        best = self.decide(scores)
        story_id = best.story_id if best is not None else "s" + article.id[:10]
        ranked = sorted((s for s in scores if s is not best), key=lambda s: -s.total)
        self.memberships.append(Membership(article.id, story_id, "joined" if best else "started", self.threshold,
                                           match=best, runner_up=ranked[0] if ranked else None))
        self._register(article, features, story_id)
        return story_id

    def prepare(self, articles: list[Article]) -> None:
        """Compute missing embeddings for a batch in one encoder call (faster than one by one in add())."""
        todo = [a for a in articles if a.embedding is None and a.duplicate_of is None]
        if self.encoder is not None and todo:
            for article, vector in zip(todo, self.encoder.encode([article_text(a)[:EMBED_CHARS] for a in todo])):
                article.embedding = vector

    def profile(self, story_id: str) -> Profile:
        found = self.profiles.get(story_id)
        if found is None:
            stored = self.source.profiles([story_id]).get(story_id) if self.source else None
            found = self.profiles[story_id] = stored or Profile()
        return found

    # ---- scoring and deciding ----------------------------------------------------------------------

    def score(self, features: _Features) -> list[StoryMatch]:
        """Score the article against the candidate stories (the eligible stories' nearest centroids, or all
        eligible without embeddings)."""
        rows = self.eligible(features.day)
        if not len(rows):
            return []
        w = self.weights
        emb_sims = None
        if features.embedding is not None and self._centroids.shape[1] == features.embedding.shape[0]:
            emb_sims = np.zeros(len(self._ids), dtype=np.float32)
            known = rows[rows < len(self._centroids)]  # a story without embeddings has no centroid row
            emb_sims[known] = self._centroids[known] @ features.embedding
            if len(rows) > self.candidates:
                rows = rows[np.argsort(-emb_sims[rows], kind="stable")[: self.candidates]]
        self._load([self._ids[r] for r in rows])
        candidates = [self.profile(self._ids[r]) for r in rows]
        if self._df_read is not None and self.source is not None:  # else every count is here: no list to build
            self._read_df([*features.entities, *(e for story in candidates for e in story.entities)])
        query = _normalise_rows(self._weigh(features.tf))
        profiles = _normalise_rows(self._weigh(sp.vstack([_terms(p) for p in candidates], format="csr")))
        tfidf_sims = profiles @ self._dense(query)
        article_entities = self._entity_vector(features.entities)
        scores = []
        for row, story, tfidf in zip(rows, candidates, tfidf_sims):
            ent = self._entity_similarity(article_entities, story)
            gap = _gap_days(features.day, story)
            emb = float(emb_sims[row]) if emb_sims is not None else None
            total = w.tfidf * float(tfidf) + w.entities * ent
            total += w.embedding * emb if emb is not None else w.embedding * float(tfidf)
            if gap is not None:  # each day away from the story's dates needs that much more textual evidence
                total -= w.time * min(1.0, gap / w.time_scale_days)
            shared = sorted(e for e in set(features.entities) if e in story.entities)
            scores.append(StoryMatch(self._ids[row], total, emb, float(tfidf), ent, gap, shared))
        return scores

    def decide(self, scores: list[StoryMatch]) -> StoryMatch | None:
        """The best-scoring story if it reaches the join threshold, else None (start a new story)."""
        best = max(scores, key=lambda s: s.total, default=None)
        return best if best is not None and best.total >= self.threshold else None

    # ---- internals ---------------------------------------------------------------------------------

    def _load(self, story_ids: list[str]) -> None:
        """Read the profiles of candidate stories not loaded yet, in one round trip."""
        missing = [s for s in story_ids if self.profiles.get(s) is None]
        if missing and self.source is not None:
            found = self.source.profiles(missing)
            for story_id in missing:
                self.profiles[story_id] = found.get(story_id) or Profile()

    def _read_df(self, keys: list[str]) -> None:
        """Add the stored document frequencies of ``keys`` not read yet to the counts made in this process."""
        if self._df_read is None or self.source is None:
            return
        missing = sorted(set(keys) - self._df_read)
        if missing:
            self.entity_df.update(self.source.entity_df(missing))
            self._df_read.update(missing)

    def _story_of(self, article_id: str) -> str | None:
        if article_id in self.story_of:
            return self.story_of[article_id]
        return self.source.story_of(article_id) if self.source else None

    def _row(self, story_id: str) -> int:
        if story_id not in self._rows:
            self._rows[story_id] = len(self._ids)
            self._ids.append(story_id)
            if len(self._ids) > len(self._seen):  # grow by doubling, so adds stay amortised O(1)
                grow = max(2 * len(self._seen), 64)
                for name in ("_first", "_last", "_seen"):
                    setattr(self, name, np.resize(getattr(self, name), grow))
        return self._rows[story_id]

    def _place(self, row: int, first: date | None, last: date | None, seen: int) -> None:
        self._first[row] = first.toordinal() if first is not None else _UNDATED
        self._last[row] = last.toordinal() if last is not None else _UNDATED
        self._seen[row] = seen

    def _features(self, article: Article, embed: bool) -> _Features:
        text = article_text(article)
        if embed and article.embedding is None and self.encoder is not None:
            article.embedding = self.encoder.encode([text[:EMBED_CHARS]])[0]
        tf = self._hasher.transform([text]).tocsr()
        tf.data = np.log1p(tf.data)
        embedding = None if article.embedding is None else np.asarray(article.embedding, dtype=np.float32)
        return _Features(embedding, _normalise_rows(tf), article.entity_keys, iso_day(article.published))

    def _register(self, article: Article, f: _Features, story_id: str) -> None:
        if story_id not in self.profiles:
            self.stories += 1
        row = self._row(story_id)
        story = self.profile(story_id) if story_id in self.profiles else self.profiles.setdefault(story_id, Profile())
        story.terms = f.tf if story.terms is None else _top_terms(story.terms + f.tf)
        if f.embedding is not None:
            story.centroid = f.embedding.copy() if story.centroid is None else story.centroid + f.embedding
            self._add_embedding(row, f.embedding)
        story.size += 1
        story.entities.update(f.entities)
        if len(story.entities) > PROFILE_ENTITIES:
            story.entities = _top_entities(story.entities)
        if f.day is not None:
            story.first = min(story.first or f.day, f.day)
            story.last = max(story.last or f.day, f.day)
        self.df[f.tf.indices] += 1
        self.entity_df.update(set(f.entities))
        self.entity_df_delta.update(set(f.entities))
        self.docs += 1
        story.seen = self.docs
        self._place(row, story.first, story.last, story.seen)
        self._assign(article, story_id)

    def _count_copy(self, article: Article, story_id: str) -> None:
        """A syndicated copy goes with its original's story and adds nothing new to its profile but its size
        and arrival; the story, perhaps not loaded as a candidate, becomes one (it is recent now)."""
        story = self.profile(story_id)
        story.size += 1
        story.seen = self.docs
        if story_id not in self._rows and story.centroid is not None:
            self._add_embedding(self._row(story_id), story.centroid)
        self._place(self._row(story_id), story.first, story.last, story.seen)
        self._assign(article, story_id)

    def _assign(self, article: Article, story_id: str) -> None:
        self.story_of[article.id] = story_id
        self.touched.add(story_id)
        article.story_id = story_id

    def _add_embedding(self, row: int, vector: np.ndarray) -> None:
        if self._centroid_sums.shape[1] != vector.shape[0]:
            if self._centroid_sums.size and self._centroid_sums.any():
                raise ConfigError(
                    f"an embedding of dimension {vector.shape[0]} meets stored ones of dimension "
                    f"{self._centroid_sums.shape[1]}: the embedding model changed; set embedding_model back or "
                    "re-embed the stored articles"
                )
            self._centroid_sums = np.zeros((0, vector.shape[0]), dtype=np.float32)
            self._centroids = self._centroid_sums.copy()
        if row >= len(self._centroid_sums):  # grow by doubling, so adds stay amortised O(1)
            grow = max(row + 1, 2 * len(self._centroid_sums), 64)
            for name in ("_centroid_sums", "_centroids"):
                old = getattr(self, name)
                new = np.zeros((grow, old.shape[1]), dtype=np.float32)
                new[: len(old)] = old
                setattr(self, name, new)
        self._centroid_sums[row] += vector
        norm = float(np.linalg.norm(self._centroid_sums[row]))
        self._centroids[row] = self._centroid_sums[row] / norm if norm else 0.0

    def _dense(self, row: sp.csr_matrix) -> np.ndarray:
        """A 1-row sparse matrix as a dense vector, in a buffer kept between calls: a sparse x sparse product
        with the query transposed rebuilt a TFIDF_FEATURES-long index per article."""
        if self._query is None:
            self._query = np.zeros(TFIDF_FEATURES, dtype=np.float32)
        self._query[:] = 0.0
        self._query[row.indices] = row.data
        return self._query

    def _weigh(self, tf: sp.csr_matrix) -> sp.csr_matrix:
        """tf * current IDF, computed only where tf is non-zero (IDF moves as documents arrive)."""
        out = tf.copy()
        out.data = out.data * (np.log((1.0 + self.docs) / (1.0 + self.df[out.indices])) + 1.0).astype(np.float32)
        return out

    def _entity_weight(self, entity: str) -> float:
        return math.log((1.0 + self.docs) / (1.0 + self.entity_df[entity])) + 1.0

    def _entity_vector(self, entities: list[str]) -> dict[str, float]:
        return {e: self._entity_weight(e) for e in entities}

    def _entity_similarity(self, article: dict[str, float], story: Profile) -> float:
        """Cosine of the article's entity vector and the story's (share of members naming each entity x IDF)."""
        if not article or not story.entities:
            return 0.0
        dot = sum(w * story.entities[e] * self._entity_weight(e) for e, w in article.items() if e in story.entities)
        if not dot:
            return 0.0
        # the story side in numpy: a long story names a few hundred entities, and this runs per candidate
        n = len(story.entities)
        counts = np.fromiter(story.entities.values(), dtype=np.float64, count=n)
        df = np.fromiter((self.entity_df[e] for e in story.entities), dtype=np.float64, count=n)
        story_norm = math.sqrt(float(np.square(counts * (np.log((1.0 + self.docs) / (1.0 + df)) + 1.0)).sum()))
        return dot / (story_norm * math.sqrt(sum(w * w for w in article.values())))


def _terms(profile: Profile) -> sp.csr_matrix:
    return profile.terms if profile.terms is not None else sp.csr_matrix((1, TFIDF_FEATURES), dtype=np.float32)


def _top_terms(terms: sp.csr_matrix) -> sp.csr_matrix:
    """The ``PROFILE_TERMS`` heaviest terms of a profile (ties: lower feature index), the rest dropped."""
    terms = terms.tocsr()
    if terms.nnz <= PROFILE_TERMS:
        return terms
    terms.sum_duplicates()  # sorts indices, so the stable sort below breaks ties by index
    keep = np.sort(np.argsort(-terms.data, kind="stable")[:PROFILE_TERMS])
    return sp.csr_matrix((terms.data[keep], terms.indices[keep], np.array([0, len(keep)])), shape=terms.shape)


def _top_entities(entities: Counter) -> Counter:
    """The ``PROFILE_ENTITIES`` most-named entities of a profile (ties: alphabetical)."""
    return Counter(dict(sorted(entities.items(), key=lambda item: (-item[1], item[0]))[:PROFILE_ENTITIES]))


def _normalise_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    squares = m.copy()
    squares.data **= 2
    norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = m.copy()
    m.data /= np.repeat(norms, np.diff(m.indptr)).astype(m.dtype)
    return m


def _gap_days(day: date | None, story: Profile) -> float | None:
    if day is None or story.first is None or story.last is None:
        return None
    if story.first <= day <= story.last:
        return 0.0
    return float(min(abs((day - story.first).days), abs((day - story.last).days)))


class Cluster(Step):
    """Assigns each article to a story, in the order received (stateful: runs in one process)."""

    name = "cluster"
    requires: ClassVar = ("text", "title", "entity_keys", "published", "duplicate_of")
    assigns: ClassVar = ("embedding", "story_id")

    def __init__(self, settings: Settings, clusterer: StoryClusterer | None = None) -> None:
        super().__init__()
        self.clusterer = clusterer or StoryClusterer(settings)

    def process(self, chunk: list[Article]) -> list[Article]:
        for start in range(0, len(chunk), BATCH_SIZE):
            self.clusterer.prepare(chunk[start : start + BATCH_SIZE])
        for article in chunk:
            self.clusterer.add(article)
        return chunk
