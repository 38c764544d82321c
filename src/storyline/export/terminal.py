"""Terminal views for the CLI: ``storyline stories`` (a table) and ``storyline show STORY`` (a dossier)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import _view

# Untrusted text goes into Text objects (never markup) without control characters, so a title cannot
# restyle, clear or retitle the user's terminal.


def render_stories_table(doc: dict, console: Console) -> None:
    views = _view.stories(doc)
    if not views:
        console.print(Text(_view.EMPTY_HINT))
        return
    table = Table(title=f"{len(views)} {'story' if len(views) == 1 else 'stories'}", title_justify="left",
                  header_style="bold")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("title", ratio=1, min_width=16)
    table.add_column("articles", justify="right")
    table.add_column("independent\nsources", justify="right")
    table.add_column("dates", min_width=10)
    for view in views:
        table.add_row(_text(view.id), _text(view.title), str(len(view.sources)), str(view.independent_sources),
                      _text(view.dates))
    console.print(table)


def render_story(doc: dict, story_id: str, console: Console) -> None:
    """Print a story's dossier; raises ``StoryNotFound`` for an unknown id."""
    view = _view.story(doc, story_id)
    console.print(_text(view.title, "bold"))
    console.print(Text.assemble(_text(view.dates), " · ", _view.counts(view), "  ", _text(view.id), style="dim"))
    console.print()
    console.print(Text("Summary", style="bold underline"))
    if not view.summary:
        console.print(Text("No summary yet.", style="dim italic"))
    summary = _hanging()
    for sentence in view.summary:
        summary.add_row("•", Text.assemble(_text(sentence.text), " ", (sentence.marks, "cyan")))
    console.print(summary)
    console.print()
    console.print(Text("Sources", style="bold underline"))
    sources = _hanging()
    for src in view.sources:
        sources.add_row(Text(f"[{src.number}]", "cyan"), _source(src))
    console.print(sources)


def _hanging() -> Table:
    """Two columns, so wrapped lines stay indented under their text, not under the bullet or number."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def _source(src: _view.Source) -> Text:
    a = src.article
    line = Text.assemble(_text(a["outlet"] or "unknown outlet", "bold"), " — ",
                         _text(a["title"]) if a["title"] else Text("untitled", "italic"))
    if src.copy_note:
        line.append(f"  (syndicated {src.copy_note})", style="yellow")
    line.append("\n")
    if src.published:
        line.append_text(Text.assemble(_text(src.published), " ", _text(f"(from {a['published_evidence']})", "dim")))
    else:
        line.append("date unknown", style="dim")
    line.append("\n")
    line.append_text(_text(a["source"], "dim"))
    return line


def _text(value: str, style: str = "") -> Text:
    return Text(_view.plain(value), style=style)
