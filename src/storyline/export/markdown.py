"""A readable Markdown dossier of every story: summary with numbered citations and the numbered sources."""

from __future__ import annotations

import re

from . import _view

# Article content is untrusted: escaped, it cannot turn into links, HTML or headings wherever it is rendered.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
_LIST_MARKER = re.compile(r"^(\d*)([-+.)])")


def render_markdown(doc: dict) -> str:
    views = _view.stories(doc)
    out = ["# Storyline report", ""]
    if not views:
        out += [_view.EMPTY_HINT, ""]
    for view in views:
        out += [f"## {_text(view.title)}", "", f"{view.dates} · {_view.counts(view)}", ""]
        out += [f"- {_text(s.text)} {s.marks}" for s in view.summary] or ["_No summary yet._"]
        out += ["", "Sources:", ""]
        out += [_source(src) for src in view.sources]
        out.append("")
    return "\n".join(out)


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
