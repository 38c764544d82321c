"""Story records: what the dossier of one story holds. Built by ``storyline.story``, kept by the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

# How the sources of a story stand on one figure (see storyline.story.claims for how it is decided):
# corroborated by ≥ 2 independent sources, reported by one alone, differing only in precision
# ("more than 160" vs "164"), or incompatible values for the same thing on the same day.
ClaimStatus = Literal["corroborated", "single_source", "precision_only", "conflicting"]
CLAIM_STATUSES: tuple[str, ...] = get_args(ClaimStatus)


@dataclass(slots=True)
class SummarySentence:
    sentence: str
    article_ids: list[str]  # every article that states it


@dataclass(slots=True)
class StoryEntity:
    name: str
    type: str
    aliases: list[str]  # every other surface form seen in the story, sorted, without the name
    role: str | None  # the role given most often
    article_ids: list[str]  # sorted


@dataclass(slots=True)
class StoryQuote:
    speaker: str | None
    text: str
    direct: bool
    article_ids: list[str]


@dataclass(slots=True)
class Claim:
    statement: str
    status: ClaimStatus
    values: dict[str, str]  # article id -> the figure as that article writes it
    article_ids: list[str]
    date: str | None  # the day the figure concerns, when the articles say
    what: str | None
    why: dict | None = None  # the deciding rule and each figure compared (value range, day, source, what)

    @property
    def id(self) -> str | None:
        """The claim's address: its first figure's ``claim_id``. None for a claim kept without ``why``."""
        return claim_id(self.why)

    def has_figure(self, figure: str) -> bool:
        """Whether ``figure`` ("ARTICLE@OFFSET") is one of the figures this claim compared."""
        return figure in figure_ids(self.why)


def figure_ids(why: dict | None) -> list[str]:
    """"ARTICLE@OFFSET" of each figure a claim compared, earliest reporting first (as ``why`` lists them)."""
    return [f"{f['article']}@{f['start']}" for f in (why or {}).get("figures") or ()
            if f.get("article") is not None and f.get("start") is not None]


def claim_id(why: dict | None) -> str | None:
    """A claim's id: the article and character offset of the figure that first reported it, "ARTICLE@OFFSET".

    Claims are rebuilt with their story, so they carry no stored id; this one is derived from what the claim
    is made of. A figure is in exactly one claim of its story, so the id is unique, and it names the same claim
    across rebuilds as long as that figure stays in it. Any other figure of the claim addresses it too
    (``Claim.has_figure``), so an id keeps working when an earlier report joins the claim later.
    """
    ids = figure_ids(why)
    return ids[0] if ids else None


@dataclass(slots=True)
class Event:
    date: str
    event: str  # the sentence that reports it, from the earliest article
    article_ids: list[str]
    first_reported: str | None  # publication date of the earliest article reporting it


@dataclass(slots=True)
class Coverage:
    only_here: list[str] = field(default_factory=list)  # claim statements and quotes no other outlet has
    omitted: list[str] = field(default_factory=list)  # corroborated claim statements this outlet lacks


@dataclass(slots=True)
class Story:
    id: str
    title: str
    article_ids: list[str]
    independent_sources: int
    first_published: str | None
    last_published: str | None
    summary: list[SummarySentence] = field(default_factory=list)
    entities: list[StoryEntity] = field(default_factory=list)
    quotes: list[StoryQuote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)  # outlet display name -> its differences
