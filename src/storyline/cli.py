"""The ``storyline`` command line. It calls the app services only (``storyline.app``)."""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .exceptions import InputError, StorylineError
from .settings import DEFAULT_SPACY_MODEL, Settings, db_url_from

app = typer.Typer(help="Turn a pile of news articles into a sourced account of each story.", no_args_is_help=True)
articles_app = typer.Typer(help="List, show or delete stored articles.", no_args_is_help=True)
db_app = typer.Typer(help="The database: schema status and upgrades.", no_args_is_help=True)
feeds_app = typer.Typer(help="RSS, Atom and JSON feeds whose new entries are ingested: add, list, remove, poll.",
                        no_args_is_help=True)
app.add_typer(articles_app, name="articles")
app.add_typer(db_app, name="db")
app.add_typer(feeds_app, name="feeds")
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
WorkersOption = Annotated[int, typer.Option(min=1, help="Processes for extraction and analysis (each loads spaCy).")]
SpacyOption = Annotated[
    str, typer.Option("--spacy-model", help="spaCy pipeline (installed package name or path) with a parser and NER.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOption = Annotated[int, typer.Option(min=1, help="How many to show.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="How many to skip (for the next page).")]


class ExportFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


class Engine(str, Enum):
    local = "local"
    ray = "ray"


class Sort(str, Enum):
    sources = "sources"
    date = "date"
    size = "size"
    updated = "updated"


def _settings(db: str | None, workers: int = 1, spacy_model: str | None = None, allow_private: bool = False) -> Settings:
    settings = Settings(db_url=db_url_from(db), workers=workers)
    if allow_private:
        settings = settings.with_(fetch=replace(settings.fetch, allow_private=True))
    return settings.with_(spacy_model=spacy_model) if spacy_model else settings


def _fetcher(settings: Settings):
    from .sources.web import Fetcher

    return Fetcher(settings.fetch)


@contextmanager
def _store(settings: Settings):
    from .store import Store

    with Store(settings.db_url) as store:
        yield store


def _queries(store):
    from .app import Queries

    return Queries(store)


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

    from .app import IngestService
    from .engine import Drops
    from .sources import read_all
    from .sources.files import file_readers
    from .sources.urls import UrlReader, is_url

    _sigterm_as_interrupt()
    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    drops = Drops()
    urls = [s for s in sources if is_url(s)]
    with (_store(settings) as store, _fetcher(settings) as fetcher,
          Progress(*columns, console=err, transient=False) as progress):
        service = IngestService(store, settings, track=_tracker(progress))
        readers = chain(file_readers([s for s in sources if not is_url(s)], drops), (UrlReader(u, fetcher) for u in urls))
        try:
            result = service.ingest(read_all(readers, drops), drops)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/yellow]: every finished chunk is saved; run the same command again to "
                      "add the rest and finish the stories' dossiers")
            raise typer.Exit(130) from None
    console.print(
        f"{result.read + result.skipped_reading} documents: added {result.added} "
        f"({result.duplicates} syndicated copies), already known {result.already_known}, skipped {result.skipped}"
    )
    _print_stories(result)
    _print_drops(result.drops)


def _print_drops(drops) -> None:
    if drops.total:
        table = Table("skipped because", "documents", title="Skipped (details in the log above)")
        for reason, count in drops.as_dict().items():
            table.add_row(reason, str(count))
        console.print(table)


def _print_stories(result) -> None:
    for label, ids in (("new", result.stories_created), ("updated", result.stories_updated)):
        if ids:
            shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
            console.print(f"{_count(len(ids), label + ' story', label + ' stories')}: {shown}")
    if result.dossiers_rebuilt:
        console.print(f"{_count(result.dossiers_rebuilt, 'dossier', 'dossiers')} rebuilt")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _version(value: bool) -> None:
    if value:
        console.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every step's details.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models come from installed packages, never from a hub
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False, show_time=False)],
    )


@app.command("ingest")
def ingest_command(sources: SourcesArgument, db: DbOption = None, workers: WorkersOption = 1,
                   spacy_model: SpacyOption = DEFAULT_SPACY_MODEL, allow_private: AllowPrivateOption = False) -> None:
    """Read articles (files, folders or URLs), clean them, find syndicated copies and group them into stories."""
    _ingest(sources, _settings(db, workers, spacy_model, allow_private))


@app.command()
def batch(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet shards, stories and markers.")],
    engine: Annotated[Engine, typer.Option(help="Where per-article work runs: local processes or a Ray cluster.")] = Engine.local,
    workers: Annotated[int, typer.Option(min=1, help="Local processes, or Ray actors (each loads the models).")] = 1,
    address: Annotated[str | None, typer.Option(help="Ray cluster to join (ray start --head prints it); default: "
                                                     "$RAY_ADDRESS, else a Ray instance on this machine.")] = None,
    spacy_model: SpacyOption = DEFAULT_SPACY_MODEL,
) -> None:
    """Process large inputs (e.g. WARC crawls) into Parquet under OUT, resumably; `storyline load OUT` stores them."""
    from .app import CHUNK_SIZE, BatchService

    _sigterm_as_interrupt()
    settings = _settings(None, workers, spacy_model)
    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        executor = _executor(engine, workers, address)
        try:
            chunk_size = getattr(executor, "input_chunk", CHUNK_SIZE)  # Ray wants thousands per call
            result = BatchService(settings, executor=executor, track=_tracker(progress), chunk_size=chunk_size).run(paths, out)
        except KeyboardInterrupt:
            err.print("[yellow]interrupted[/yellow]: finished shards are kept; run the same command again to do the rest")
            raise typer.Exit(130) from None
        finally:
            executor.close()
    console.print(f"{result.read} articles read in {_count(result.shards_done + result.shards_skipped, 'shard', 'shards')} "
                  f"({result.shards_skipped} finished earlier): {result.articles} distinct, "
                  f"{result.duplicates} syndicated copies, {_count(result.stories, 'story', 'stories')}, "
                  f"skipped {result.drops.total}; load with `storyline load {out}`")
    _print_drops(result.drops)


def _executor(engine: Engine, workers: int, address: str | None):
    from .engine import LocalExecutor

    if engine is Engine.ray:
        from .engine.ray import RayExecutor

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
    from .app import load_batch

    settings = _settings(db)
    with _store(settings) as store:
        result = load_batch(store, settings, folder)
    console.print(f"loaded {result.articles} articles and {_count(result.stories, 'story', 'stories')}")


@app.command()
def refresh(db: DbOption = None) -> None:
    """Finish rebuilding the dossiers an interrupted run left behind (ingest does this too)."""
    from .app import IngestService

    settings = _settings(db)
    with _store(settings) as store:
        rebuilt = IngestService(store, settings).refresh_dirty()
    console.print(f"{_count(rebuilt, 'dossier', 'dossiers')} rebuilt")


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
    from .export.terminal import render_stories_table
    from .model import codec
    from .store import StoryFilter

    filters = StoryFilter(since=_day(since, "--since"), until=_day(until, "--until"), outlet=outlet, entity=entity,
                          query=query, min_articles=min_articles, has_conflicts=True if conflicts else None)
    with _store(_settings(db)) as store:
        page = _queries(store).stories(filters, sort.value, offset, limit)
    if as_json:
        _print_json({"total": page.total, "offset": page.offset, "stories": [
            {k: v for k, v in codec.to_dict(s).items() if k in _STORY_SUMMARY} for s in page.items]})
    else:
        render_stories_table(page, console)


_STORY_SUMMARY = ("id", "title", "article_ids", "independent_sources", "first_published", "last_published")


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id, as listed by `storyline stories`.")],
    db: DbOption = None,
    section: Annotated[list[str] | None, typer.Option(help="Only these parts: summary, claims, timeline, quotes, "
                                                             "entities, coverage, sources (repeatable).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show a story's dossier: summary with citations, claims, timeline, quotes, entities, coverage, sources."""
    from .export.terminal import SECTIONS, render_story
    from .model import codec

    unknown = sorted(set(section or ()) - set(SECTIONS))
    if unknown:
        raise InputError(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    with _store(_settings(db)) as store:
        queries = _queries(store)
        if as_json:
            _print_json(codec.to_dict(queries.story(story)))
            return
        render_story(queries.story_view(story), console, section)


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
    from .model import codec

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
    from .app import IngestService

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


def _export(doc: dict, fmt: ExportFormat, out: Path) -> Path:
    from .export import document, html, markdown

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
    out.write_text(markdown.render_markdown(doc), encoding="utf-8")
    return out


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


@app.command()
def run(
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the database and the reports.")] = Path("report"),
    workers: WorkersOption = 1,
    spacy_model: SpacyOption = DEFAULT_SPACY_MODEL,
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


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _service_models(settings: Settings):
    """The encoder and the analysis step, loaded now, once for the server, so the first article is not slow."""
    from .analyze.facts import Analyze
    from .vectors import Encoder

    encoder = Encoder(settings.embedding_model) if settings.use_embeddings else None
    analyzer = Analyze(settings)
    analyzer.setup()
    if encoder is not None:
        encoder.encode(["warm up"])
    return encoder, analyzer


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but localhost is reachable by others.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(envvar="STORYLINE_TOKEN", show_default=False,
                                              help="Write endpoints need 'Authorization: Bearer TOKEN'. "
                                                   "Default: $STORYLINE_TOKEN.")] = None,
    spacy_model: SpacyOption = DEFAULT_SPACY_MODEL,
    allow_private: AllowPrivateOption = False,
    contact: Annotated[str | None, typer.Option(envvar="STORYLINE_CONTACT", show_default=False,
                                                help="A URL or e-mail put in the User-Agent of every request the "
                                                     "server makes, so site owners can reach you.")] = None,
) -> None:
    """Run the REST API (/api/v1, OpenAPI at /openapi.json) and the web UI (/), with the background ingest worker,
    feed polling and watches."""
    import uvicorn

    from .api import Services, create_app
    from .app import IngestService

    settings = _settings(db, 1, spacy_model, allow_private)
    settings = settings.with_(fetch=replace(settings.fetch, contact=contact))
    if host not in LOCAL_HOSTS and not token:
        err.print(f"[bold red]WARNING: serving on {escape(host)} without a token: anyone who can reach this port can "
                  "add and delete articles. Set STORYLINE_TOKEN (or --token) or bind to 127.0.0.1.[/bold red]")
    with _store(settings) as store, _fetcher(settings) as fetcher:
        encoder, analyzer = _service_models(settings)
        ingest = IngestService(store, settings, encoder=encoder, analyzer=analyzer)
        services = Services.for_server(store, settings, ingest, fetcher, token=token or None)
        uvicorn.run(create_app(services), host=host, port=port, log_level="info")


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The feed's URL (RSS, Atom or JSON Feed).")],
    interval: Annotated[int | None, typer.Option(help="Seconds between polls. Default: 1800.")] = None,
    db: DbOption = None, allow_private: AllowPrivateOption = False,
) -> None:
    """Poll a feed from now on (`storyline feeds poll` or the server does the polling)."""
    from .app.feeds import FeedService

    settings = _settings(db, allow_private=allow_private)
    with _store(settings) as store, _fetcher(settings) as fetcher:
        feed = FeedService(store, fetcher, lambda items: None).add(url, interval)
    console.print(f"feed {feed.id}: {escape(feed.url)}, polled every {feed.interval} s")


@feeds_app.command("list")
def feeds_list(db: DbOption = None, as_json: JsonOption = False, limit: LimitOption = 50,
               offset: OffsetOption = 0) -> None:
    """The feeds, with when they were polled last and their last error."""
    from .store.feeds import FeedStore

    with _store(_settings(db)) as store:
        page = FeedStore(store).page(offset, limit)
    if as_json:
        _print_json([{"id": f.id, "url": f.url, "title": f.title, "interval": f.interval, "last_polled": f.last_polled,
                      "next_poll": f.next_poll, "error_count": f.error_count, "last_error": f.last_error}
                     for f in page.items])
        return
    table = Table("id", "url", "title", "every", "last polled", "errors", title=f"{page.total} feeds")
    for f in page.items:
        polled = f.last_polled.strftime("%Y-%m-%d %H:%M") if f.last_polled else "never"
        errors = f"{f.error_count}: {f.last_error}" if f.error_count else ""
        table.add_row(str(f.id), escape(f.url), escape(f.title or ""), f"{f.interval} s", polled, escape(errors))
    console.print(table)


@feeds_app.command("remove")
def feeds_remove(feed: Annotated[int, typer.Argument(help="Feed id, as listed by `storyline feeds list`.")],
                 db: DbOption = None) -> None:
    """Stop polling a feed (the articles it brought stay)."""
    from .store.feeds import FeedStore

    with _store(_settings(db)) as store:
        FeedStore(store).remove(feed)
    console.print(f"feed {feed} removed")


@feeds_app.command("poll")
def feeds_poll(db: DbOption = None, workers: WorkersOption = 1, spacy_model: SpacyOption = DEFAULT_SPACY_MODEL,
               allow_private: AllowPrivateOption = False) -> None:
    """Poll the feeds that are due once and ingest their new entries."""
    from .app import IngestService
    from .app.feeds import FeedService
    from .engine import Drops
    from .sources import read_all
    from .sources.urls import UrlReader

    settings = _settings(db, workers, spacy_model, allow_private)
    drops = Drops()
    added = 0
    with _store(settings) as store, _fetcher(settings) as fetcher:
        ingest = None

        def submit(items: list[dict]) -> None:
            nonlocal ingest, added
            ingest = ingest or IngestService(store, settings)
            readers = (UrlReader(i["url"], fetcher, title=i.get("title"), published=i.get("published"),
                                 published_evidence=i.get("published_evidence")) for i in items)
            added += ingest.ingest(read_all(readers, drops), drops).added

        result = FeedService(store, fetcher, submit).poll_due()
    console.print(f"{_count(result.polled, 'feed', 'feeds')} polled ({result.not_modified} unchanged, "
                  f"{result.failed} failed): {result.submitted} new entries, {added} articles added")
    for url, error in result.errors.items():
        err.print(f"[yellow]{escape(url)}[/yellow]: {escape(error)}")
    if drops.total:
        console.print(f"skipped: {', '.join(f'{r} {n}' for r, n in drops.as_dict().items())}")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Bring the database to the newest schema (other commands do this once, automatically)."""
    from .store import Store

    with Store(_settings(db).db_url, migrate=False) as store:
        changed = store.upgrade()
        current, _head = store.revision()
    console.print(f"schema {current}" + (" (upgraded)" if changed else " (already the newest)"))


@db_app.command("status")
def db_status(db: DbOption = None) -> None:
    """The database's schema revision and the newest this version knows."""
    from .store import Store

    with Store(_settings(db).db_url, migrate=False) as store:
        current, head = store.revision()
    console.print(f"schema {current or 'none'}; newest {head}" + ("" if current == head else ": run `storyline db upgrade`"))


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


def _print_json(value) -> None:
    console.print_json(json.dumps(value, ensure_ascii=False, default=str))


def entrypoint() -> None:
    try:
        app()
    except StorylineError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise SystemExit(2) from None
    except OSError as e:
        err.print(f"[red]error:[/red] {escape(e.strerror or str(e))}: {escape(str(e.filename or ''))}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    entrypoint()
