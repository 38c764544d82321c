"""The one record type that flows through every pipeline step."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from .facts import DateMention, Entity, NumberClaim, Quote

Format = Literal["text", "html"]


@dataclass(slots=True)
class Removed:
    """A piece of the raw input that cleaning cut, and why."""

    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """One news article, from raw input to its place in a story.

    Steps fill fields in order: a reader (``storyline.sources``) sets ``id``/``source``/``raw``/``format``,
    ``fetched_at`` and whatever metadata the input carried; extraction sets ``text``, ``removed`` and the
    inferred metadata; dedup sets ``duplicate_of``; clustering sets ``story_id``.
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
    # For an undated article only: the day its own text gives as "now" (a dateline, else the latest full date it
    # states), set by the fact layer to resolve "yesterday" and the like; never a publication date
    reference_date: str | None = None  # ISO 8601 day
    reference_evidence: str | None = None
    language: str | None = None
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    duplicate_of: str | None = None
    story_id: str | None = None
    entity_keys: list[str] = field(default_factory=list)  # normalised names, for grouping into stories
    entities: list[Entity] = field(default_factory=list)  # canonical names, aliases, roles
    embedding: Any = None  # float32 numpy vector of the text, L2-normalised; stored so grouping stays incremental
    quotes: list[Quote] = field(default_factory=list)  # set by the fact layer
    numbers: list[NumberClaim] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    minhash: Any = None  # uint32 numpy MinHash signature of the text; stored so dedup stays incremental
    fetched_at: str | None = None  # ISO 8601 time a reader read the input; never used as ``published``


def content_id(content: str) -> str:
    """Stable id from the raw content, so re-ingesting the same input is a no-op."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:20]
