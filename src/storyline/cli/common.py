"""What the commands share: the Typer app, the console, option types and small helpers."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..exceptions import InputError
from ..settings import DEFAULT_SPACY_MODEL, Settings, db_url_from, load_settings

app = typer.Typer(help="Turn a pile of news articles into a sourced account of each story.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or SQLAlchemy URL. Default: $STORYLINE_DB or ./storyline.db.", show_default=False),
]
PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively): .txt, .html, .htm, .jsonl, .warc, .warc.gz.")]
SourcesArgument = Annotated[list[str], typer.Argument(
    help="Files or folders (searched recursively): .txt, .html, .htm, .jsonl, .warc, .warc.gz; or http(s) URLs of articles.")]
AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private", help="Fetch from loopback and private network addresses (refused by default).")]
WorkersOption = Annotated[int | None, typer.Option(
    min=1, show_default=False, help="Processes for extraction and analysis (each loads spaCy). Default: the config "
                                    "file's workers, else 1.")]
SpacyOption = Annotated[str | None, typer.Option(
    "--spacy-model", show_default=False, help="spaCy pipeline (installed package name or path) with a parser and "
                                              f"NER. Default: the config file's spacy_model, else {DEFAULT_SPACY_MODEL}.")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", envvar="STORYLINE_CONFIG", show_default=False, exists=True, dir_okay=False,
    help="TOML file of settings (thresholds, fetching, models, database...); options given on the command line win. "
         "Default: $STORYLINE_CONFIG, else the built-in defaults.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOption = Annotated[int, typer.Option(min=1, help="How many to show.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="How many to skip (for the next page).")]
ModelsOption = Annotated[str | None, typer.Option(
    "--models", envvar="STORYLINE_MODELS", show_default=False,
    help="For tests and benchmarks: 'module:function' returning (encoder, analysis step) to run instead of MiniLM "
         "and spaCy (e.g. the stand-ins of tests/fakes.py). Default: $STORYLINE_MODELS, else the real models.")]


_configured: Settings | None = None  # this invocation's config file, loaded by the app's callback before any command


def configure(config: Path | None) -> None:
    """Load the config file once per invocation (``storyline --config F <command>``), for the command's settings."""
    global _configured
    _configured = load_settings(config) if config else None


def _settings(db: str | None = None, workers: int | None = None, spacy_model: str | None = None,
              allow_private: bool = False, models: str | None = None) -> Settings:
    """The config file's settings (or the defaults), then the environment, then the command's own options."""
    settings = _configured or Settings()
    if db or _configured is None or os.environ.get("STORYLINE_DB"):
        settings = settings.with_(db_url=db_url_from(db))
    given = {"workers": workers, "spacy_model": spacy_model, "models": models}
    settings = settings.with_(**{name: value for name, value in given.items() if value is not None})
    if allow_private:
        settings = settings.with_(fetch=replace(settings.fetch, allow_private=True))
    return settings


def _fetcher(settings: Settings):
    from ..sources.web import Fetcher

    return Fetcher(settings.fetch)


@contextmanager
def _store(settings: Settings):
    from ..store import Store

    with Store(settings.db_url, queue_lease=timedelta(seconds=settings.queue_lease)) as store:
        yield store


def _queries(store):
    from ..app import Queries

    return Queries(store)


def _print_drops(drops) -> None:
    if drops.total:
        table = Table("skipped because", "documents", title="Skipped (details in the log above)")
        for reason, count in drops.as_dict().items():
            table.add_row(reason, str(count))
        console.print(table)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _print_json(value) -> None:
    console.print_json(json.dumps(value, ensure_ascii=False, default=str))


class ExportFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


def _export(doc: dict, fmt: ExportFormat, out: Path) -> Path:
    from ..export import document, files, html, markdown

    if fmt is ExportFormat.html:
        if out.exists() and not out.is_dir():
            raise InputError(f"{out} is a file; the HTML report needs a folder (--out DIR)")
        return html.write_report(doc, out)
    if out.is_dir():
        raise InputError(f"{out} is a folder; give a file name for the {fmt.value} export (--out FILE)")
    if fmt is ExportFormat.json:
        document.write_json(doc, out)
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    files.write_text(out, markdown.render_markdown(doc))
    return out
