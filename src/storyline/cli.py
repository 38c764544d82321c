"""The ``storyline`` command line."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .exceptions import StorylineError
from .settings import DEFAULT_SPACY_MODEL, Settings, db_url_from

app = typer.Typer(help="Turn a pile of news articles into a sourced account of each story.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL. Default: $STORYLINE_DB or ./storyline.db.", show_default=False),
]
PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively): .txt, .html, .htm, .jsonl.")]


class ExportFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


SpacyOption = Annotated[
    str, typer.Option("--spacy-model", help="spaCy pipeline (installed package name or path) with a parser and NER.")
]


def _settings(db: str | None, workers: int = 1, spacy_model: str | None = None) -> Settings:
    settings = Settings(db_url=db_url_from(db), workers=workers)
    return settings.with_(spacy_model=spacy_model) if spacy_model else settings


def _store(settings: Settings):
    from .store import Store

    return Store(settings.db_url)


def _tracker(progress: Progress):
    def track(stream: Iterable, name: str, total: int | None) -> Iterable:
        task = progress.add_task(name, total=total)
        for item in stream:
            yield item
            progress.advance(task)
        progress.update(task, total=progress.tasks[task].completed)

    return track


def _ingest(paths: list[Path], settings: Settings) -> None:
    from .jobs import ingest

    store = _store(settings)
    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        result = ingest(paths, settings, store, _tracker(progress))
    console.print(
        f"read {result.read}, added {result.added} ({result.duplicates} syndicated copies), "
        f"already known {result.already_known}, skipped {result.drops.total}; {result.stories_touched} stories updated"
    )
    if result.drops.total:
        table = Table("skipped because", "documents", title="Skipped documents (details in the log above)")
        for reason, count in result.drops.as_dict().items():
            table.add_row(reason, str(count))
        console.print(table)
    store.close()


def _document(settings: Settings) -> dict:
    from .export.document import to_document

    store = _store(settings)
    try:
        return to_document(store.articles(), store.stories())
    finally:
        store.close()


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every step's details.")] = False) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models come from installed packages, never from a hub
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False, show_time=False)],
    )


@app.command("ingest")
def ingest_command(
    paths: PathsArgument,
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Processes for extraction and analysis (each loads spaCy).")] = 1,
    spacy_model: SpacyOption = DEFAULT_SPACY_MODEL,
) -> None:
    """Read articles, clean them, find syndicated copies and group them into stories (incrementally)."""
    _ingest(paths, _settings(db, workers, spacy_model))


@app.command()
def stories(db: DbOption = None) -> None:
    """List the stories: id, title, articles, independent sources, date range."""
    from .export.terminal import render_stories_table

    render_stories_table(_document(_settings(db)), console)


@app.command()
def show(story: Annotated[str, typer.Argument(help="Story id, as listed by `storyline stories`.")], db: DbOption = None) -> None:
    """Show a story's dossier: summary with citations, sources, dates."""
    from .export.terminal import render_story

    render_story(_document(_settings(db)), story, console)


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words or a phrase to find in article text.")], db: DbOption = None) -> None:
    """Full-text search over the cleaned article text."""
    settings = _settings(db)
    store = _store(settings)
    hits = store.search(query)
    found = {a.id: a for a in store.articles([h[0] for h in hits])}
    table = Table("article", "story", "outlet", "snippet")
    for article_id, snippet in hits:
        a = found[article_id]
        table.add_row(article_id, a.story_id or "", a.outlet or a.source, snippet)
    console.print(table if hits else f"no article mentions {query!r}")
    store.close()


def _export(doc: dict, fmt: ExportFormat, out: Path) -> Path:
    from .export import document, html, markdown

    if fmt is ExportFormat.json:
        document.write_json(doc, out)
        return out
    if fmt is ExportFormat.md:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(markdown.render_markdown(doc), encoding="utf-8")
        return out
    return html.write_report(doc, out)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (schema storyline/2), md, or html (a folder).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (json, md) or folder (html).")],
    db: DbOption = None,
) -> None:
    """Export the whole database."""
    written = _export(_document(_settings(db)), format, out)
    console.print(f"wrote {written}")


@app.command()
def run(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the database and the reports.")] = Path("report"),
    workers: Annotated[int, typer.Option(help="Processes for extraction and analysis (each loads spaCy).")] = 1,
    spacy_model: SpacyOption = DEFAULT_SPACY_MODEL,
) -> None:
    """Ingest into OUT/storyline.db and write OUT/index.html, OUT/storyline.json and OUT/storyline.md."""
    out.mkdir(parents=True, exist_ok=True)
    settings = _settings(str(out / "storyline.db"), workers, spacy_model)
    _ingest(paths, settings)
    doc = _document(settings)
    for fmt, target in ((ExportFormat.json, out / "storyline.json"), (ExportFormat.md, out / "storyline.md"), (ExportFormat.html, out)):
        _export(doc, fmt, target)
    console.print(f"report: {(out / 'index.html').resolve()}\njson:   {(out / 'storyline.json').resolve()}")


def entrypoint() -> None:
    try:
        app()
    except StorylineError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    entrypoint()
