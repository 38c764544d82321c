"""What the readable exports (Markdown, HTML, terminal) show of a story, worked out once.

Each story numbers its own sources in the order of its ``article_ids``; every citation (summary, claims,
timeline, quotes, entities) uses those numbers. Every entry point validates the document first, so renderers
can trust its cross-references.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..exceptions import InvalidExport, StoryNotFound
from ..export.document import SCHEMA_ID, validate
from ..model import Membership, codec
from ..model.story import claim_id
from .membership import membership_sentences

INGEST_COMMAND = "storyline ingest PATH…"
EMPTY_HINT = f"No stories yet. Add articles with `{INGEST_COMMAND}`, then export again."
UNTITLED_STORY = "Untitled story"
UNKNOWN_SPEAKER = "Unknown speaker"
LINKABLE = re.compile(r"https?://", re.IGNORECASE)

_HREF_IGNORED = "".join(map(chr, range(33)))  # what browsers strip from the start of an href
NONE_FOUND = "None found."
# Claim statuses: every view shows the words, colour only repeats them.
STATUS_LABELS = {
    "corroborated": "corroborated",
    "single_source": "single source",
    "precision_only": "precision only",
    "conflicting": "conflicting",
}
STATUS_MEANINGS = {
    "corroborated": "the same value from at least two independent sources (a wire story and its copies count once)",
    "single_source": "only one independent source gives the figure",
    "precision_only": "the values differ only in precision (“more than 160” and “164”): no contradiction",
    "conflicting": "incompatible values for the same thing on the same day (figures about different days are "
                   "separate claims)",
}
ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "facility",
                "NORP": "group", "EVENT": "event", "PRODUCT": "product", "LAW": "law", "WORK_OF_ART": "work"}


def safe_url(url: str | None) -> str | None:
    """A scraped address only when it is http(s), so a link to it cannot run script: a ``javascript:``,
    ``data:`` or ``vbscript:`` one is shown as text, never linked. Browsers drop leading spaces and control
    characters from an href, so they are dropped here before the scheme is judged."""
    cleaned = url.lstrip(_HREF_IGNORED) if url else ""
    return cleaned if LINKABLE.match(cleaned) else None


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    article: dict
    title: str  # the article's title, or its source when it has none
    published: str | None  # for display
    duplicate_of: int | None  # number of the original in this story's list, when it is there
    why_here: tuple[str, ...] = ()  # why it is in this story (``membership_sentences``), when the document says

    @property
    def anchor(self) -> str:
        return f"source-{self.number}"

    @property
    def url(self) -> str | None:
        """The source when it is a web address (safe to link to), else None."""
        return safe_url(self.article["source"])

    @property
    def outlet_key(self) -> str:
        """How claims and coverage name the article's outlet: the outlet, else the source."""
        return self.article["outlet"] or self.article["source"]

    @property
    def outlet_label(self) -> str:
        """The outlet for display: "Northwire", or "unknown outlet [4]"."""
        return self.article["outlet"] or f"unknown outlet [{self.number}]"

    @property
    def is_copy(self) -> bool:
        return self.article["duplicate_of"] is not None

    @property
    def copy_note(self) -> str | None:
        """How a syndicated copy is marked, e.g. "copy of [2]"; None for an original."""
        if not self.is_copy:
            return None
        if self.duplicate_of is not None:
            return f"copy of [{self.duplicate_of}]"
        return f"copy of article {self.article['duplicate_of']}"


@dataclass(frozen=True, slots=True)
class Cited:
    """A text and the story's sources that give it."""

    text: str
    citations: list[Source]  # in source-number order

    @property
    def marks(self) -> str:
        """The citations as text: "[1][3]"."""
        return "".join(f"[{src.number}]" for src in self.citations)


@dataclass(frozen=True, slots=True)
class Quote(Cited):
    direct: bool  # False for reported speech, shown without quotation marks


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    quotes: list[Quote]


@dataclass(frozen=True, slots=True)
class Event(Cited):
    date: str
    first_reported: str | None  # for display


@dataclass(frozen=True, slots=True)
class Entity(Cited):  # text is the name
    type: str  # for display: "person", "organisation", …
    role: str | None
    aliases: list[str]


@dataclass(frozen=True, slots=True)
class Value:
    text: str  # the figure as the article writes it
    source: Source


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure a claim's status was decided on: who gives it and what range of values it admits."""

    text: str
    source: Source
    independent: Source | None  # the independent source it counts as (its original, for a copy), when listed
    admits: str  # "164", "160 – ∞"
    day: str | None


@dataclass(frozen=True, slots=True)
class Claim(Cited):  # text is the statement
    status: str  # one of document.CLAIM_STATUSES (also a CSS class)
    what: str | None
    date: str | None
    cells: list[list[Value]]  # one per column of StoryView.outlet_columns; empty where the outlet gives none
    rule: str | None = None  # why this status: the rule that decided it (None in exports made before it was kept)
    figures: list[Figure] | None = None  # ... and the figures it compared
    id: str | None = None  # model.claim_id: what `storyline explain` takes

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def heading(self) -> str:
        """What the figure is about and the day it concerns: "drones launched · 2026-03-02" (or "")."""
        return " · ".join(x for x in (self.what, self.date) if x)


@dataclass(frozen=True, slots=True)
class Coverage:
    outlet: str  # for display
    only_here: list[str]
    omitted: list[str]


@dataclass(frozen=True, slots=True)
class StoryView:
    id: str
    title: str
    dates: str
    independent_sources: int
    outlets: int
    sources: list[Source]
    summary: list[Cited]
    outlet_columns: list[str]  # the claims matrix's outlet columns, for display, in order of first source
    claims: list[Claim]
    timeline: list[Event]
    speakers: list[Speaker]
    entities: list[Entity]
    coverage: list[Coverage]  # only outlets whose coverage differs
    compared_outlets: int  # how many outlets the coverage compares (nothing to compare below 2)

    @property
    def file_stem(self) -> str:
        return file_stem(self.id)

    @property
    def claims_by_concern(self) -> list[Claim]:
        """Conflicts first, then the rest in the dossier's order: what a reader must check comes first."""
        return sorted(self.claims, key=lambda c: c.status != "conflicting")

    @property
    def quote_count(self) -> int:
        return sum(len(speaker.quotes) for speaker in self.speakers)

    @property
    def coverage_note(self) -> str | None:
        """What to say instead of the coverage differences when there are none."""
        if self.coverage:
            return None
        if self.compared_outlets == 1:
            return "Only one outlet covers this story: nothing to compare."
        return "No differences between outlets." if self.compared_outlets else NONE_FOUND


def stories(doc: dict) -> list[StoryView]:
    articles = _articles(doc)
    titles = _titles(doc)
    return [_story(s, articles, titles) for s in doc["stories"]]


def story(doc: dict, story_id: str, *, validated: bool = False) -> StoryView:
    """The view of one story of ``doc``; ``validated=True`` when the caller has just validated it."""
    articles = _articles(doc, validated)
    for s in doc["stories"]:
        if s["id"] == story_id:
            return _story(s, articles, _titles(doc))
    raise StoryNotFound(story_id)


def _articles(doc: dict, validated: bool = False) -> dict[str, dict]:
    if not validated:
        validate(doc)
    if doc["schema"] != SCHEMA_ID:
        raise InvalidExport(f"the views read {SCHEMA_ID} documents, this one is {doc['schema']}: export it again")
    return {a["id"]: a for a in doc["articles"]}


def _titles(doc: dict) -> dict[str, str]:
    return {s["id"]: s["title"] for s in doc["stories"]}


def _story(s: dict, articles: dict[str, dict], titles: dict[str, str]) -> StoryView:
    members = [articles[i] for i in s["article_ids"]]
    numbers = {a["id"]: n for n, a in enumerate(members, start=1)}
    sources = [
        Source(
            number=numbers[a["id"]],
            article=a,
            title=a["title"] or a["source"],
            published=when(a["published"]),
            duplicate_of=numbers.get(a["duplicate_of"]),
            why_here=_why_here(a, articles, titles),
        )
        for a in members
    ]

    def cite(article_ids: list[str]) -> list[Source]:
        return [sources[n - 1] for n in sorted(numbers[i] for i in article_ids)]

    columns: dict[str, str] = {}  # outlet key -> display label
    for src in sources:
        columns.setdefault(src.outlet_key, src.outlet_label)
    claims = []
    for c in s["claims"]:
        cells: dict[str, list[Value]] = {key: [] for key in columns}
        for src in cite(list(c["values"])):
            cells[src.outlet_key].append(Value(c["values"][src.article["id"]], src))
        why = c.get("why") or {}
        claims.append(Claim(c["statement"], cite(c["article_ids"]), c["status"], c["what"], c["date"],
                            list(cells.values()), why.get("rule"), _figures(why.get("figures"), sources, numbers),
                            claim_id(why)))
    speakers: dict[str, list[Quote]] = {}
    for q in s["quotes"]:
        speakers.setdefault(q["speaker"] or UNKNOWN_SPEAKER, []).append(
            Quote(q["text"], cite(q["article_ids"]), q["direct"]))
    coverage = [Coverage(columns[outlet], c["only_here"], c["omitted"])
                for outlet, c in s["coverage"].items() if c["only_here"] or c["omitted"]]
    return StoryView(
        id=s["id"],
        title=s["title"].strip() or UNTITLED_STORY,
        dates=date_range(s["first_published"], s["last_published"]),
        independent_sources=s["independent_sources"],
        outlets=len({a["outlet"] for a in members if a["outlet"]}),
        sources=sources,
        summary=[Cited(x["sentence"], cite(x["article_ids"])) for x in s["summary"]],
        outlet_columns=list(columns.values()),
        claims=claims,
        timeline=[Event(e["event"], cite(e["article_ids"]), e["date"], when(e["first_reported"]))
                  for e in s["timeline"]],
        speakers=[Speaker(name, quotes) for name, quotes in speakers.items()],
        entities=[Entity(e["name"], cite(e["article_ids"]), entity_type(e["type"]), e["role"], e["aliases"])
                  for e in s["entities"]],
        coverage=coverage,
        compared_outlets=len(s["coverage"]),
    )


def _why_here(a: dict, articles: dict[str, dict], titles: dict[str, str]) -> tuple[str, ...]:
    """Why the article is in its story, in sentences; empty when the document does not say."""
    if not a.get("membership"):
        return ()
    m = codec.from_dict(Membership, {**a["membership"], "article_id": a["id"], "story_id": a["story_id"] or ""})
    original = articles.get(m.copy_of or "")
    return tuple(membership_sentences(m, titles.get(m.runner_up.story_id) if m.runner_up else None,
                                      (original["title"] or original["source"]) if original else None))


def _figures(figures: list[dict] | None, sources: list[Source], numbers: dict[str, int]) -> list[Figure] | None:
    if not figures:
        return None
    out = []
    for f in figures:
        if f.get("article") not in numbers:
            continue
        admits = admitted(*(f.get("admits") or (None, None)))
        independent = numbers.get(f.get("source"))
        out.append(Figure(f.get("text") or "", sources[numbers[f["article"]] - 1],
                          sources[independent - 1] if independent else None, admits, f.get("day")))
    return out


def admitted(low: float | None, high: float | None) -> str:
    """The values a figure admits, as people read them: "164", "160 – ∞" (high None: no upper bound)."""
    return _figure(low) if low == high else f"{_figure(low)} – {_figure(high) if high is not None else '∞'}"


def _figure(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


# C0/C1 control characters (ESC, BEL, …) in article content could drive a terminal that shows the output.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: str) -> str:
    """Untrusted text without control characters (newlines and tabs stay)."""
    return _CONTROL.sub("", value)


def entity_type(label: str) -> str:
    """A spaCy label as people say it: "PERSON" -> "person", "GPE" -> "place"."""
    return ENTITY_TYPES.get(label, label.lower().replace("_", " "))


def when(published: str | None) -> str | None:
    """An ISO 8601 date or datetime as people read it: ``2026-03-02 06:40:00+01:00``."""
    return published.replace("T", " ", 1) if published else None


def date_range(first: str | None, last: str | None) -> str:
    if not first or not last:
        return "date unknown"
    first, last = first[:10], last[:10]
    return first if first == last else f"{first} – {last}"


def counts(view: StoryView) -> str:
    """"5 articles · 3 independent sources · 4 outlets" (outlets only when any is known)."""
    parts = [_plural(len(view.sources), "article"), _plural(view.independent_sources, "independent source")]
    if view.outlets:
        parts.append(_plural(view.outlets, "outlet"))
    return " · ".join(parts)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


_SAFE_STEM = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}")


def file_stem(story_id: str) -> str:
    """A file name for a story page: the id itself when it is a safe name, else a digest of it."""
    if _SAFE_STEM.fullmatch(story_id):
        return story_id
    return "story-" + hashlib.sha256(story_id.encode("utf-8", "surrogatepass")).hexdigest()[:20]
