"""An article's revisions (the same URL fetched again with new content) as sentence-level changes, for the UI."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from ..text.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass(frozen=True, slots=True)
class RevisionView:
    number: int
    stored_at: str
    replaced_at: str | None  # None for the current content
    title: str | None
    changes: list[Change]  # from the revision before it (the first revision: all "added")

    @property
    def changed(self) -> int:
        return sum(1 for c in self.changes if c.kind != "same")


def revision_views(revisions: list) -> list[RevisionView]:
    """``store.revisions.of(...)`` (oldest first) as views, newest first, each with what changed since the
    previous one, sentence by sentence: a reader sees what an outlet rewrote, added or quietly dropped."""
    views, before = [], []
    for revision in revisions:
        after = split_sentences(revision.text)
        views.append(RevisionView(revision.number, revision.stored_at, revision.replaced_at, revision.title,
                                  _changes(before, after)))
        before = after
    return views[::-1]


def _changes(before: list[str], after: list[str]) -> list[Change]:
    changes = []
    for op, b0, b1, a0, a1 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            changes += [Change("same", s) for s in after[a0:a1]]
            continue
        changes += [Change("removed", s) for s in before[b0:b1]]
        changes += [Change("added", s) for s in after[a0:a1]]
    return changes
