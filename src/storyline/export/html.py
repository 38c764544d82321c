"""A static HTML report: an index of stories and one self-contained page per story. Works offline, no JS."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import views as _view
from .document import SCHEMA_ID
from .files import write_text


def write_report(doc: dict, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/stories/<story>.html``; return the index's path."""
    views = _view.stories(doc)
    out_dir = Path(out_dir)
    (out_dir / "stories").mkdir(parents=True, exist_ok=True)
    env = _environment()
    index = out_dir / "index.html"
    _write(index, env.get_template("index.html").render(
        root="", stories=views, articles=len(doc["articles"]), ingest_command=_view.INGEST_COMMAND))
    story_page = env.get_template("story.html")
    for view in views:
        _write(out_dir / "stories" / f"{view.file_stem}.html",
               story_page.render(root="../", story=view, counts=_view.counts(view)))
    return index


@cache
def _environment() -> Environment:
    return environment()


def environment(*loaders: BaseLoader) -> Environment:
    """The report's Jinja environment; ``loaders`` (the web UI's templates) are searched before the report's,
    so their pages can import the shared sections (``sections.html``)."""
    # Autoescape everywhere: titles, texts, sources and even removal reasons come from untrusted input.
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("storyline.export", "templates")]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.globals.update(schema=SCHEMA_ID, status_labels=_view.STATUS_LABELS, status_meanings=_view.STATUS_MEANINGS,
                       cite_href=_cite_href)
    env.filters["paragraphs"] = _paragraphs
    env.filters["entity_type"] = _view.entity_type
    return env


def _cite_href(source: _view.Source, _cited_text: str | None = None) -> str:
    """In the report a citation jumps to the article's card on the same page."""
    return f"#{source.anchor}"


def _finalize(value):
    # Markup (a macro's output) is already escaped and cleaned; plain strings are untrusted.
    return _view.plain(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _write(path: Path, html: str) -> None:
    # A lone surrogate kept from undecodable input must not abort the report; the browser shows U+FFFD.
    write_text(path, html, errors="xmlcharrefreplace")
