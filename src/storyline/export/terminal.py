"""Terminal views for the CLI: ``storyline stories`` (a table), ``storyline show STORY`` (a dossier) and
``storyline explain`` (why a claim or an article)."""

from __future__ import annotations

from collections.abc import Collection

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .. import views as _view
from ..store import Page

# Untrusted text goes into Text objects (never markup) without control characters, so a title cannot
# restyle, clear or retitle the user's terminal.

# Colour repeats the status; the label says it, for monochrome terminals and colour-blind readers.
_STATUS_STYLES = {"corroborated": "bold green", "single_source": "bold", "precision_only": "bold yellow",
                  "conflicting": "bold red"}
_CLAIM_MIN_WIDTH = 16
SECTIONS = ("summary", "claims", "timeline", "quotes", "entities", "coverage", "sources")


def render_stories_table(page: Page, console: Console) -> None:
    """One row per story of ``page`` (``Story`` records), and how many more there are."""
    if not page.total:
        console.print(Text(_view.EMPTY_HINT))
        return
    shown = f"{page.offset + 1}–{page.offset + len(page.items)} of " if page.more or page.offset else ""
    table = Table(title=f"{shown}{page.total} {'story' if page.total == 1 else 'stories'}", title_justify="left",
                  header_style="bold")
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("title", ratio=1, min_width=16)
    table.add_column("articles", justify="right")
    table.add_column("independent\nsources", justify="right")
    table.add_column("dates", min_width=10)
    for story in page.items:
        table.add_row(_text(story.id), _text(story.title), str(len(story.article_ids)), str(story.independent_sources),
                      _text(_view.date_range(story.first_published, story.last_published)))
    console.print(table)
    if page.more:
        console.print(Text(f"{page.more} more: use --offset {page.offset + len(page.items)}", style="dim"))


def render_story(view: _view.StoryView, console: Console, sections: Collection[str] | None = None) -> None:
    """Print a story's dossier, or only ``sections`` of it (summary, claims, timeline, quotes, entities,
    coverage, sources)."""
    console.print(_text(view.title, "bold"))
    console.print(Text.assemble(_text(view.dates), " · ", _view.counts(view), "  ", _text(view.id), style="dim"))
    wanted = set(sections or SECTIONS)
    if "summary" in wanted:
        console.print()
        console.print(Text("Summary", style="bold underline"))
        if not view.summary:
            console.print(Text("No summary yet.", style="dim italic"))
        summary = _hanging()
        for sentence in view.summary:
            summary.add_row("•", _cited(sentence.text, sentence))
        console.print(summary)
    parts = (("claims", "Claims", lambda: _claims(view, console)), ("timeline", "Timeline", lambda: _timeline(view)),
             ("quotes", "Quotes", lambda: _quotes(view)), ("entities", "Entities", lambda: _entities(view)),
             ("coverage", "Coverage by outlet", lambda: _coverage(view)))
    for key, heading, part in parts:
        if key not in wanted:
            continue
        rendered = part()
        console.print()
        console.print(Text(heading, style="bold underline"))
        console.print(rendered if rendered is not None else Text(_view.NONE_FOUND, style="dim italic"))
    if "sources" in wanted:
        console.print()
        console.print(Text("Sources", style="bold underline"))
        sources = _hanging()
        for src in view.sources:
            sources.add_row(Text(f"[{src.number}]", "cyan"), _source(src))
        console.print(sources)


def _claims(view: _view.StoryView, console: Console) -> RenderableType | None:
    """Claims × outlets; a cell is each figure the outlet's articles give, with its source number.

    Column widths are worked out here, not by rich, which crops the last columns when space runs out: a claims
    matrix must not lose an outlet without saying so. Outlets get their full width when it fits, else their
    longest word, and the claim what is left; a terminal too narrow even for that gets each claim with its
    values listed underneath.
    """
    if not view.claims:
        return None
    columns = [[_view.plain(outlet), *(f"{v.text} [{v.source.number}]" for claim in view.claims for v in claim.cells[i])]
               for i, outlet in enumerate(view.outlet_columns)]
    full = [min(30, max(cell_len(text) for text in texts)) for texts in columns]
    least = [max(cell_len(word) for text in texts for word in text.split()) for texts in columns]
    fixed = max(len(label) for label in _view.STATUS_LABELS.values()) + 3 * (len(columns) + 1)
    room = console.options.max_width - fixed
    widths = full if room - sum(full) >= _CLAIM_MIN_WIDTH else least
    if room - sum(widths) >= _CLAIM_MIN_WIDTH:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
        table.add_column("claim", width=min(room - sum(widths), 50))
        table.add_column("status", no_wrap=True)
        for outlet, width in zip(view.outlet_columns, widths):
            table.add_column(_text(outlet), width=width)
        for claim in view.claims:
            row = [Text("\n").join(_value(v) for v in cell) or Text("—", "dim") for cell in claim.cells]
            table.add_row(_about(claim), _status(claim), *row)
        return table
    grid = _hanging()
    for claim in view.claims:
        values = [Text.assemble(_text(outlet, "bold"), ": ", Text(", ").join(_value(v) for v in cell))
                  for outlet, cell in zip(view.outlet_columns, claim.cells) if cell]
        grid.add_row("•", Text("\n").join([Text.assemble(_status(claim), " — ", _about(claim)), *values]))
    return grid


def _about(claim: _view.Claim) -> Text:
    about = Text.assemble(_text(claim.heading, "bold"), "\n") if claim.heading else Text()
    about.append_text(_text(claim.text, "dim" if claim.heading else ""))
    if claim.id:  # what `storyline explain` takes
        about.append_text(_text(f"\nid {claim.id}", "dim"))
    return about


def _status(claim: _view.Claim) -> Text:
    return Text(claim.label, _STATUS_STYLES[claim.status])


def _value(value: _view.Value) -> Text:
    return Text.assemble(_text(value.text), " ", (f"[{value.source.number}]", "cyan"))


def _timeline(view: _view.StoryView) -> Table | None:
    if not view.timeline:
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for event in view.timeline:
        first = f"first reported {event.first_reported}" if event.first_reported else "first reported: unknown"
        grid.add_row(event.date, Text.assemble(_cited(event.text, event), "\n", (first, "dim")))
    return grid


def _quotes(view: _view.StoryView) -> Group | None:
    """Each speaker, then their quotes; reported speech is marked and has no quotation marks."""
    if not view.speakers:
        return None
    parts = []
    for speaker in view.speakers:
        grid = _hanging()
        for quote in speaker.quotes:
            if quote.direct:
                grid.add_row("  •", _cited(f"“{quote.text}”", quote))
            else:
                grid.add_row("  •", Text.assemble(("reported: ", "dim italic"), _cited(quote.text, quote)))
        parts += [_text(speaker.name, "bold"), grid]
    return Group(*parts)


def _entities(view: _view.StoryView) -> Table | None:
    if not view.entities:
        return None
    grid = _hanging()
    for entity in view.entities:
        line = Text.assemble(_text(entity.text, "bold"), " (", _text(entity.type))
        if entity.role:
            line.append_text(Text.assemble(", ", _text(entity.role)))
        line.append(")")
        if entity.aliases:
            line.append_text(Text.assemble(" — also: ", _text(", ".join(entity.aliases), "italic")))
        line.append_text(Text.assemble(" ", (entity.marks, "cyan")))
        grid.add_row("•", line)
    return grid


def _coverage(view: _view.StoryView) -> Group | Text:
    if not view.coverage:
        return Text(view.coverage_note, style="dim italic")
    parts = []
    for outlet in view.coverage:
        grid = _hanging()
        for item in outlet.only_here:
            grid.add_row(Text("  only here", "green"), _text(item))
        for item in outlet.omitted:
            grid.add_row(Text("  omitted  ", "yellow"), _text(item))
        parts += [_text(outlet.outlet, "bold"), grid]
    return Group(*parts)


def _cited(text: str, cited: _view.Cited) -> Text:
    return Text.assemble(_text(text), " ", (cited.marks, "cyan"))


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


# --- storyline explain ----------------------------------------------------------------------------------------


def render_explanation(found, console: Console) -> None:
    """Print an ``app.explain`` answer: why a claim has its status, or why an article is in its story."""
    console.print(_claim_explanation(found) if found.kind == "claim" else _article_explanation(found))


def _claim_explanation(c) -> Group:
    lines = [Text.assemble(("Claim ", "bold"), _text(c.id, "bold"), " · ",
                           Text(_view.STATUS_LABELS[c.status], _STATUS_STYLES[c.status])),
             Text.assemble("in story ", _text(c.story_id), ": ", _text(c.story_title, "italic")),
             _text(c.statement, "dim")]
    about = " · ".join(x for x in (c.what, c.date) if x)
    if about:
        lines.append(Text.assemble("About: ", _text(about)))
    lines.append(Text.assemble(("Why: ", "bold"), _text(c.rule or "not recorded (rebuild the story to keep it)"),
                               _text(f" ({c.independent_sources} independent source(s) compared)", "dim")))
    lines.append(Text.assemble(_text(_view.STATUS_LABELS[c.status]), " means ", _text(c.meaning), style="dim"))
    figures = _hanging()
    for f in c.figures:
        low, high = f.admits
        admits = _view.admitted(low, high)
        day = f"on {f.day} ({'stated in its sentence' if f.day_stated else 'its publication day'})" if f.day else "day unknown"
        detail = [f"admits {admits}", day, f"counts as source {f.independent_source}"]
        if f.what:
            detail.append(f"counts: {f.what}")
        if f.role:
            detail.append(f"the {f.role} in a part-of-whole figure")
        figures.add_row("•", Text.assemble(_text(f.text, "bold"), " — ", _text(f.outlet or "unknown outlet"), ", ",
                                           _text(f.title or f.article_id, "italic"), "\n",
                                           _text("; ".join(detail), "dim"), "  ", _text(f.id, "dim")))
    return Group(*lines, Text("Figures compared", style="bold underline"), figures)


def _article_explanation(a) -> Group:
    head = [Text.assemble(("Article ", "bold"), _text(a.article_id, "bold"), ": ", _text(a.title or "(no title)")),
            _text(f"{a.outlet or 'unknown outlet'} · {a.published or 'date unknown'}", "dim")]
    if a.reference_date:
        head.append(_text(f"Relative dates read from {a.reference_date} ({a.reference_evidence})", "dim"))
    if not a.story_id:
        return Group(*head, Text("Not in a story yet: it has not been grouped.", style="italic"))
    head.append(Text.assemble("Story ", _text(a.story_id), ": ", _text(a.story_title or "(dossier not built yet)", "italic")))
    return Group(*head, _text(" ".join(_view.membership_sentences(a.membership, a.runner_up_title, a.copy_of_title))))
