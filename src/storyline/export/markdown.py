"""A readable Markdown dossier of every story: summary with numbered citations and the numbered sources."""

from __future__ import annotations

import re

from .. import views as _view

# Article content is untrusted: escaped, it cannot turn into links, HTML or headings wherever it is rendered.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
_LIST_MARKER = re.compile(r"^(\d*)([-+.)])")


def render_markdown(doc: dict) -> str:
    views = _view.stories(doc)
    out = ["# Storyline report", ""]
    if not views:
        out += [_view.EMPTY_HINT, ""]
    if any(view.claims for view in views):
        out += ["Claim statuses:", ""]
        out += [f"- {_STATUS_MARKS[status]} **{label}**: {_view.STATUS_MEANINGS[status]}"
                for status, label in _view.STATUS_LABELS.items()]
        out.append("")
    for view in views:
        out += [f"## {_text(view.title)}", "", f"{view.dates} · {_view.counts(view)}", ""]
        out += [f"- {_text(s.text)} {s.marks}" for s in view.summary] or ["_No summary yet._"]
        for heading, lines in (("Claims", _claims(view)), ("Timeline", _timeline(view)), ("Quotes", _quotes(view)),
                               ("Entities", _entities(view)), ("Coverage by outlet", _coverage(view))):
            out += ["", f"### {heading}", "", *(lines or [f"_{_view.NONE_FOUND}_"])]
        out += ["", "Sources:", ""]
        out += [_source(src) for src in view.sources]
        out.append("")
    return "\n".join(out)


# Markdown has no colour of its own: the coloured mark repeats the status, the words say it.
_STATUS_MARKS = {"corroborated": "🟢", "single_source": "⚪", "precision_only": "🟡", "conflicting": "🔴"}


def _claims(view: _view.StoryView) -> list[str]:
    """The claims matrix: a table of claims × outlets; a cell is each figure the outlet's articles give."""
    if not view.claims:
        return []
    lines = [_row(["Claim", "Status", *map(_text, view.outlet_columns)]),
             _row(["---"] * (len(view.outlet_columns) + 2))]
    for claim in view.claims:
        heading = f"**{_text(claim.heading)}** — " if claim.heading else ""
        cells = [" / ".join(f"{_text(v.text)} [{v.source.number}]" for v in cell) or "—" for cell in claim.cells]
        lines.append(_row([heading + _text(claim.text), f"{_STATUS_MARKS[claim.status]} {claim.label}", *cells]))
    return lines


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _timeline(view: _view.StoryView) -> list[str]:
    if not view.timeline:
        return []
    lines = [_row(["Date", "Event", "Sources", "First reported"]), _row(["---"] * 4)]
    return lines + [_row([e.date, _text(e.text), e.marks, e.first_reported or "unknown"]) for e in view.timeline]


def _quotes(view: _view.StoryView) -> list[str]:
    lines = []
    for speaker in view.speakers:
        lines += [f"**{_text(speaker.name)}**", ""]
        lines += [f"- “{_text(q.text)}” {q.marks}" if q.direct else f"- _reported:_ {_text(q.text)} {q.marks}"
                  for q in speaker.quotes]
        lines.append("")
    return lines[:-1]


def _entities(view: _view.StoryView) -> list[str]:
    lines = []
    for e in view.entities:
        about = ", ".join(_text(x) for x in (e.type, e.role) if x)
        aliases = f" — also: {', '.join(map(_text, e.aliases))}" if e.aliases else ""
        lines.append(f"- **{_text(e.text)}** ({about}){aliases} {e.marks}")
    return lines


def _coverage(view: _view.StoryView) -> list[str]:
    if not view.coverage:
        return [f"_{view.coverage_note}_"]
    lines = []
    for outlet in view.coverage:
        lines.append(f"- **{_text(outlet.outlet)}**")
        lines += [f"  - only here: {_text(item)}" for item in outlet.only_here]
        lines += [f"  - omitted (corroborated elsewhere): {_text(item)}" for item in outlet.omitted]
    return lines


def _source(src: _view.Source) -> str:
    a = src.article
    parts = [f"**{_text(a['outlet'])}**" if a["outlet"] else None, _text(a["title"]) if a["title"] else "_untitled_"]
    if src.published:
        parts.append(f"{src.published} ({_text(a['published_evidence'])})")
    else:
        parts.append("date unknown")
    parts.append(_code(a["source"]))
    if src.copy_note:
        parts.append(f"_syndicated {src.copy_note}_")
    return f"{src.number}. " + " — ".join(p for p in parts if p)


def _text(value: str) -> str:
    """One line of escaped Markdown text."""
    text = _SPECIAL.sub(r"\\\1", " ".join(_view.plain(value).split()))
    return _LIST_MARKER.sub(r"\1\\\2", text)  # so "1. …" or "- …" stays text, not a nested list


def _code(value: str) -> str:
    """A code span that holds any text verbatim (paths keep their backslashes, URLs their underscores)."""
    value = " ".join(_view.plain(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"
