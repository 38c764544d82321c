"""Commands that read: stories, show, explain, articles, search, export."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..exceptions import InputError
from .common import (
    DbOption,
    ExportFormat,
    JsonOption,
    LimitOption,
    OffsetOption,
    _export,
    _print_json,
    _queries,
    _settings,
    _store,
    app,
    console,
)

_STORY_SUMMARY = ("id", "title", "article_ids", "independent_sources", "first_published", "last_published")


articles_app = typer.Typer(help="List, show or delete stored articles.", no_args_is_help=True)


class Sort(str, Enum):
    sources = "sources"
    date = "date"
    size = "size"
    updated = "updated"


@app.command()
def stories(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Only stories with an article on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only stories that began on or before this day.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories this outlet covers.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only stories naming this person, place or organisation.")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Only stories whose articles match this text.")] = None,
    min_articles: Annotated[int, typer.Option(min=0, help="Only stories with at least this many articles.")] = 0,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only stories with conflicting figures.")] = False,
    sort: Annotated[Sort, typer.Option(help="Best-sourced first, newest, largest or last updated.")] = Sort.sources,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List stories: id, title, articles, independent sources, dates; filtered, sorted and paged."""
    from ..export.terminal import render_stories_table
    from ..model import codec
    from ..store import StoryFilter

    filters = StoryFilter(since=_day(since, "--since"), until=_day(until, "--until"), outlet=outlet, entity=entity,
                          query=query, min_articles=min_articles, has_conflicts=True if conflicts else None)
    with _store(_settings(db)) as store:
        page = _queries(store).stories(filters, sort.value, offset, limit)
    if as_json:
        _print_json({"total": page.total, "offset": page.offset, "stories": [
            {k: v for k, v in codec.to_dict(s).items() if k in _STORY_SUMMARY} for s in page.items]})
    else:
        render_stories_table(page, console)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id, as listed by `storyline stories`.")],
    db: DbOption = None,
    section: Annotated[list[str] | None, typer.Option(help="Only these parts: summary, claims, timeline, quotes, "
                                                             "entities, coverage, sources (repeatable).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show a story's dossier: summary with citations, claims, timeline, quotes, entities, coverage, sources."""
    from ..export.terminal import SECTIONS, render_story
    from ..model import codec

    unknown = sorted(set(section or ()) - set(SECTIONS))
    if unknown:
        raise InputError(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    with _store(_settings(db)) as store:
        queries = _queries(store)
        if as_json:
            _print_json(codec.to_dict(queries.story(story)))
            return
        render_story(queries.story_view(story), console, section)


@app.command()
def explain(
    ref: Annotated[str, typer.Argument(
        metavar="CLAIM_OR_ARTICLE",
        help="An article id (why it is in its story), or a claim id ARTICLE@OFFSET as `storyline show` lists "
             "it (why the claim has its status).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Why a claim has its status (the figures compared and the rule), or why an article joined its story
    (its score against the story, the threshold, shared entities, time gap, the runner-up)."""
    from ..export.terminal import render_explanation
    from ..model import codec

    with _store(_settings(db)) as store:
        found = _queries(store).explain(ref)
    if as_json:
        _print_json(codec.to_dict(found))
    else:
        render_explanation(found, console)


@articles_app.command("list")
def articles_list(
    db: DbOption = None,
    story: Annotated[str | None, typer.Option(help="Only this story's articles.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet's articles.")] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Stored articles, newest first."""
    with _store(_settings(db)) as store:
        page = _queries(store).articles(story, outlet, offset, limit)
    if as_json:
        _print_json({"total": page.total, "offset": page.offset, "articles": [_article_summary(a) for a in page.items]})
        return
    table = Table("id", "published", "outlet", "title", "story", title=f"{page.total} articles", title_justify="left")
    for a in page.items:
        table.add_row(a.id, a.published or "", escape(a.outlet or ""), escape(a.title or a.source), a.story_id or "")
    console.print(table)
    if page.more:
        console.print(f"{page.more} more: use --offset {offset + len(page.items)}")


@articles_app.command("show")
def articles_show(article: Annotated[str, typer.Argument(help="Article id.")], db: DbOption = None,
                  as_json: JsonOption = False) -> None:
    """One article: metadata, cleaned text, what cleaning removed."""
    from ..model import codec

    with _store(_settings(db)) as store:
        a = _queries(store).article(article)
    if as_json:
        _print_json(codec.to_dict(a, {type(a): {"raw", "embedding", "minhash", "entity_keys"}}))
        return
    console.print(f"[bold]{escape(a.title or '(no title)')}[/bold]")
    console.print(f"[dim]{escape(a.outlet or 'unknown outlet')} · {a.published or 'date unknown'}"
                  f"{' (' + escape(a.published_evidence) + ')' if a.published_evidence else ''} · "
                  f"{escape(a.source)} · story {a.story_id or '-'}"
                  f"{' · copy of ' + a.duplicate_of if a.duplicate_of else ''}[/dim]\n")
    console.print(escape(a.text))
    if a.removed:
        console.print(f"\n[dim]removed by cleaning: {len(a.removed)} pieces "
                      f"({', '.join(sorted({r.reason for r in a.removed}))})[/dim]")


@articles_app.command("delete")
def articles_delete(article: Annotated[str, typer.Argument(help="Article id.")], db: DbOption = None) -> None:
    """Delete one article; its story's dossier is rebuilt without it."""
    from ..app import IngestService

    settings = _settings(db)
    with _store(settings) as store:
        story_id = store.delete_article(article)
        if story_id:
            IngestService(store, settings).refresh_dirty([story_id])
    console.print(f"deleted {article}" + (f"; story {story_id} rebuilt" if story_id else ""))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must match), "a phrase", a OR b, prefix*.')],
    db: DbOption = None,
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over the cleaned article text."""
    with _store(_settings(db)) as store:
        page = _queries(store).search(query, limit, offset)
    if as_json:
        _print_json({"total": page.total, "offset": offset,
                     "hits": [{**_article_summary(a), "snippet": s} for a, s in page.items]})
        return
    if not page.total:
        console.print(f"no article matches {escape(query)!r}")
        return
    table = Table("article", "story", "outlet", "snippet", title=f"{page.total} articles", title_justify="left")
    for a, snippet in page.items:
        table.add_row(a.id, a.story_id or "", escape(a.outlet or a.source), escape(snippet))
    console.print(table)
    if page.more:
        console.print(f"{page.more} more: use --offset {offset + len(page.items)}")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (schema storyline/3), md, or html (a folder).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (json, md) or folder (html).")],
    db: DbOption = None,
) -> None:
    """Export the whole database."""
    with _store(_settings(db)) as store:
        doc = _queries(store).document()
    console.print(f"wrote {_export(doc, format, out)}")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} takes a day as YYYY-MM-DD, not {value!r}") from None


def _article_summary(a) -> dict:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "source": a.source,
            "story_id": a.story_id, "duplicate_of": a.duplicate_of}
