"""Commands that put articles in: ingest, batch, load, refresh, run."""

from __future__ import annotations

import signal
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..exceptions import InputError
from ..settings import Settings
from .common import (
    AllowPrivateOption,
    DbOption,
    ExportFormat,
    ModelsOption,
    PathsArgument,
    SourcesArgument,
    SpacyOption,
    WorkersOption,
    _count,
    _export,
    _fetcher,
    _print_drops,
    _queries,
    _settings,
    _store,
    app,
    console,
    err,
)


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class Stages(str, Enum):
    all = "all"
    group = "group"


def _tracker(progress: Progress):
    tasks: dict[str, int] = {}

    def track(stream: Iterable, name: str, total: int | None) -> Iterable:
        # One bar per step for the whole run: chunks add to its total, so it shows the corpus, not the chunk.
        if name not in tasks:
            tasks[name] = progress.add_task(name, total=total)
        elif total is not None:
            progress.update(tasks[name], total=(progress.tasks[tasks[name]].total or 0) + total)
        for item in stream:
            yield item
            progress.advance(tasks[name])
        if total is None:
            progress.update(tasks[name], total=progress.tasks[tasks[name]].completed)

    return track


def _sigterm_as_interrupt() -> None:
    """SIGTERM stops an ingest like Ctrl-C: committed chunks stay, the worker processes are stopped."""
    def handler(_signum, _frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, handler)


def _ingest(sources: list[str], settings: Settings) -> None:
    from itertools import chain

    from ..app import IngestService
    from ..app.models import settings_models
    from ..engine import Drops
    from ..sources import read_all
    from ..sources.files import file_readers
    from ..sources.urls import UrlReader, is_url

    _sigterm_as_interrupt()
    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    drops = Drops()
    urls = [s for s in sources if is_url(s)]
    with (_store(settings) as store, _fetcher(settings) as fetcher,
          Progress(*columns, console=err, transient=False) as progress):
        encoder, analyzer = settings_models(settings)
        service = IngestService(store, settings, encoder=encoder, analyzer=analyzer, track=_tracker(progress))
        readers = chain(file_readers([s for s in sources if not is_url(s)], drops), (UrlReader(u, fetcher) for u in urls))
        try:
            result = service.ingest(read_all(readers, drops), drops)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/yellow]: every finished chunk is saved; run the same command again to "
                      "add the rest and finish the stories' dossiers")
            raise typer.Exit(130) from None
    console.print(
        f"{result.read + result.skipped_reading} documents: added {result.added} "
        f"({_count(result.duplicates, 'syndicated copy', 'syndicated copies')}), "
        f"already known {result.already_known}, skipped {result.skipped}"
    )
    _print_stories(result)
    _print_drops(result.drops)


def _print_stories(result) -> None:
    for label, ids in (("new", result.stories_created), ("updated", result.stories_updated)):
        if ids:
            shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
            console.print(f"{_count(len(ids), label + ' story', label + ' stories')}: {shown}")
    if result.dossiers_rebuilt:
        console.print(f"{_count(result.dossiers_rebuilt, 'dossier', 'dossiers')} rebuilt")


@app.command("ingest")
def ingest_command(sources: SourcesArgument, db: DbOption = None, workers: WorkersOption = None,
                   spacy_model: SpacyOption = None, allow_private: AllowPrivateOption = False,
                   models: ModelsOption = None) -> None:
    """Read articles (files, folders or URLs), clean them, find syndicated copies and group them into stories."""
    _ingest(sources, _settings(db, workers, spacy_model, allow_private, models))


@app.command()
def batch(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet shards, stories and markers.")],
    engine: Annotated[Engine, typer.Option(help="Where per-article work runs: local processes or a Ray cluster.")] = Engine.local,
    workers: Annotated[int | None, typer.Option(min=1, show_default=False, help=(
        "Local processes, or Ray actors (each loads the models). Default: the config file's workers, else 1."))] = None,
    address: Annotated[str | None, typer.Option(help="Ray cluster to join (ray start --head prints it); default: "
                                                     "$RAY_ADDRESS, else a Ray instance on this machine.")] = None,
    spacy_model: SpacyOption = None,
    shard_mb: Annotated[float | None, typer.Option(min=0.001, show_default=False, help=(
        "Small input files are grouped into shards of about this many MB (a larger file is a shard alone); a kill "
        "costs at most the shard in work. Default: app.batch.SHARD_BYTES (64 MB)."))] = None,
    stages: Annotated[Stages | None, typer.Option(show_default=False, help=(
        "What to compute. all (default): analysis, facts and dossiers, grouped with MiniLM (about 1 CPU-second per "
        "page). group: monitoring at volume - extraction, cleaning, metadata, syndicated copies and stories "
        "(members, title, dates, outlets) without spaCy, MiniLM or facts, grouped on hashed words and "
        "capitalised phrases; hundreds of pages per second (docs/scale.md)."))] = None,
    models: ModelsOption = None,
) -> None:
    """Process large inputs (e.g. WARC crawls) into Parquet under OUT, resumably; `storyline load OUT` stores them.

    `--stages group` is the fast path: stories without facts, for watching many sources."""
    from ..app import CHUNK_SIZE, BatchService
    from ..app.models import settings_models

    _sigterm_as_interrupt()
    settings = _settings(None, workers, spacy_model, models=models)
    if stages is not None:
        settings = settings.with_(stages=stages.value)
    encoder, analyzer = settings_models(settings)
    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        executor = _executor(engine, settings.workers, address)
        try:
            chunk_size = getattr(executor, "input_chunk", CHUNK_SIZE)  # Ray wants thousands per call
            result = BatchService(settings, encoder=encoder, analyzer=analyzer, executor=executor,
                                  track=_tracker(progress), chunk_size=chunk_size,
                                  **({"shard_bytes": round(shard_mb * 1e6)} if shard_mb else {})).run(paths, out)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/yellow]: finished shards are kept; run the same command again to do the rest")
            raise typer.Exit(130) from None
        finally:
            executor.close()
    console.print(f"{result.read} articles read in {_count(result.shards_done + result.shards_skipped, 'shard', 'shards')} "
                  f"({result.shards_skipped} finished earlier): {result.articles} distinct, "
                  f"{_count(result.duplicates, 'syndicated copy', 'syndicated copies')}, "
                  f"{_count(result.stories, 'story', 'stories')}, "
                  f"skipped {result.drops.total}; load with `storyline load {out}`")
    _print_drops(result.drops)


def _executor(engine: Engine, workers: int, address: str | None):
    from ..engine import LocalExecutor

    if engine is Engine.ray:
        from ..engine.ray import RayExecutor

        return RayExecutor(workers, address=address)
    if address:
        raise InputError("--address names a Ray cluster: use it with --engine ray")
    return LocalExecutor(workers)


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="The --out folder of a finished `storyline batch`.")],
    db: DbOption = None,
) -> None:
    """Put a batch's articles and stories into an empty database (ingest then continues from it)."""
    from ..app import load_batch

    settings = _settings(db)
    with _store(settings) as store:
        result = load_batch(store, settings, folder)
    console.print(f"loaded {result.articles} articles and {_count(result.stories, 'story', 'stories')}")
    if result.stages == "group":
        console.print("these stories have no facts (the batch ran with --stages group): they show members, title, "
                      "dates and outlets. For summaries, claims, quotes and timelines, run `storyline batch` on the "
                      "same inputs without --stages into a new --out folder and load that into a new database; "
                      "`storyline ingest` into this one is refused, its story vectors being hashed words")


@app.command()
def refresh(db: DbOption = None) -> None:
    """Finish rebuilding the dossiers an interrupted run left behind (ingest does this too)."""
    from ..app import IngestService

    settings = _settings(db)
    with _store(settings) as store:
        rebuilt = IngestService(store, settings).refresh_dirty()
    console.print(f"{_count(rebuilt, 'dossier', 'dossiers')} rebuilt")


@app.command()
def run(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the database and the reports.")] = Path("report"),
    workers: WorkersOption = None,
    spacy_model: SpacyOption = None,
) -> None:
    """Ingest into OUT/storyline.db and write OUT/index.html, OUT/storyline.json and OUT/storyline.md."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; --out needs a folder for the database and the reports")
    out.mkdir(parents=True, exist_ok=True)
    settings = _settings(str(out / "storyline.db"), workers, spacy_model)
    _ingest([str(p) for p in paths], settings)
    with _store(settings) as store:
        doc = _queries(store).document()
    for fmt, target in ((ExportFormat.json, out / "storyline.json"), (ExportFormat.md, out / "storyline.md"), (ExportFormat.html, out)):
        _export(doc, fmt, target)
    console.print(f"report: {(out / 'index.html').resolve()}\njson:   {(out / 'storyline.json').resolve()}")
