"""What the readable exports (Markdown, HTML, terminal) show of a story, worked out once.

Each story numbers its own sources in the order of its ``article_ids``; summary citations use those numbers.
Every entry point validates the document first, so renderers can trust its cross-references.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..exceptions import StoryNotFound
from .document import validate

INGEST_COMMAND = "storyline ingest PATH…"
EMPTY_HINT = f"No stories yet. Add articles with `{INGEST_COMMAND}`, then export again."
UNTITLED_STORY = "Untitled story"


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    article: dict
    title: str  # the article's title, or its source when it has none
    published: str | None  # for display
    duplicate_of: int | None  # number of the original in this story's list, when it is there

    @property
    def anchor(self) -> str:
        return f"source-{self.number}"

    @property
    def url(self) -> str | None:
        """The source when it is a web address (safe to link to), else None."""
        source = self.article["source"]
        return source if source.lower().startswith(("http://", "https://")) else None

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
class Sentence:
    text: str
    citations: list[Source]  # in source-number order

    @property
    def marks(self) -> str:
        """The citations as text: "[1][3]"."""
        return "".join(f"[{src.number}]" for src in self.citations)


@dataclass(frozen=True, slots=True)
class StoryView:
    id: str
    title: str
    dates: str
    independent_sources: int
    outlets: int
    sources: list[Source]
    summary: list[Sentence]

    @property
    def file_stem(self) -> str:
        return file_stem(self.id)


def stories(doc: dict) -> list[StoryView]:
    validate(doc)
    articles = {a["id"]: a for a in doc["articles"]}
    return [_story(s, articles) for s in doc["stories"]]


def story(doc: dict, story_id: str) -> StoryView:
    validate(doc)
    articles = {a["id"]: a for a in doc["articles"]}
    for s in doc["stories"]:
        if s["id"] == story_id:
            return _story(s, articles)
    raise StoryNotFound(story_id)


def _story(s: dict, articles: dict[str, dict]) -> StoryView:
    members = [articles[i] for i in s["article_ids"]]
    numbers = {a["id"]: n for n, a in enumerate(members, start=1)}
    sources = [
        Source(
            number=numbers[a["id"]],
            article=a,
            title=a["title"] or a["source"],
            published=when(a["published"]),
            duplicate_of=numbers.get(a["duplicate_of"]),
        )
        for a in members
    ]
    return StoryView(
        id=s["id"],
        title=s["title"].strip() or UNTITLED_STORY,
        dates=date_range(s["first_published"], s["last_published"]),
        independent_sources=s["independent_sources"],
        outlets=len({a["outlet"] for a in members if a["outlet"]}),
        sources=sources,
        summary=[Sentence(x["sentence"], [sources[n - 1] for n in sorted(numbers[i] for i in x["article_ids"])])
                 for x in s["summary"]],
    )


# C0/C1 control characters (ESC, BEL, …) in article content could drive a terminal that shows the output.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: str) -> str:
    """Untrusted text without control characters (newlines and tabs stay)."""
    return _CONTROL.sub("", value)


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
