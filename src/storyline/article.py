"""The one record type that flows through every pipeline step."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["text", "html"]


@dataclass(slots=True)
class Removed:
    """A piece of the raw input that cleaning cut, and why."""

    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """One news article, from raw input to its place in a story.

    Steps fill fields in order: ingest sets ``id``/``source``/``raw``/``format`` and whatever metadata
    the input carried; extraction sets ``text``, ``removed`` and the inferred metadata; dedup sets
    ``duplicate_of``; clustering sets ``story_id``.
    """

    id: str
    source: str
    raw: str
    format: Format
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    outlet_evidence: str | None = None  # where the outlet was read (input, copyright, byline, masthead, url, ...)
    origin: str | None = None  # the wire agency a story came from when the text credits one ("AFP")
    published: str | None = None  # ISO 8601 date or datetime; None when unknown, never guessed
    published_evidence: str | None = None
    language: str | None = None
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    duplicate_of: str | None = None
    story_id: str | None = None
    entity_keys: list[str] = field(default_factory=list)  # normalised names, for grouping into stories
    entities: list = field(default_factory=list)  # facts.Entity: canonical names, aliases, roles
    embedding: Any = None  # float32 numpy vector of the text, L2-normalised; stored so grouping stays incremental
    quotes: list = field(default_factory=list)  # facts.Quote, set by the fact layer
    numbers: list = field(default_factory=list)  # facts.NumberClaim
    dates: list = field(default_factory=list)  # facts.DateMention
    minhash: Any = None  # uint32 numpy MinHash signature of the text; stored so dedup stays incremental


def content_id(content: str) -> str:
    """Stable id from the raw content, so re-ingesting the same input is a no-op."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:20]
