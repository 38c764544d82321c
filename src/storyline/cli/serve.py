"""The server and its feeds: serve, feeds add|list|remove|poll."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..settings import Settings
from .common import (
    AllowPrivateOption,
    DbOption,
    JsonOption,
    LimitOption,
    ModelsOption,
    OffsetOption,
    SpacyOption,
    WorkersOption,
    _count,
    _fetcher,
    _print_json,
    _settings,
    _store,
    app,
    console,
    err,
)

feeds_app = typer.Typer(help="RSS, Atom and JSON feeds whose new entries are ingested: add, list, remove, poll.",
                        no_args_is_help=True)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _service_models(settings: Settings):
    """The encoder and the analysis step, loaded now, once for the server, so the first article is not slow."""
    from ..analyze.facts import Analyze
    from ..app.models import settings_models
    from ..vectors import settings_encoder

    given_encoder, given_analyzer = settings_models(settings)
    encoder = settings_encoder(settings, given_encoder)
    analyzer = given_analyzer or Analyze(settings)
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
    spacy_model: SpacyOption = None,
    allow_private: AllowPrivateOption = False,
    contact: Annotated[str | None, typer.Option(envvar="STORYLINE_CONTACT", show_default=False,
                                                help="A URL or e-mail put in the User-Agent of every request the "
                                                     "server makes, so site owners can reach you.")] = None,
    queue_lease: Annotated[float | None, typer.Option(
        min=1, show_default=False, help="Seconds before the queued articles a killed server was working on are taken "
                                        "up again (by it once restarted, or by another server on the database). "
                                        "Default: the config file's queue_lease, else 60.")] = None,
    models: ModelsOption = None,
) -> None:
    """Run the REST API (/api/v1, OpenAPI at /openapi.json) and the web UI (/), with the background ingest worker,
    feed polling and watches."""
    import uvicorn

    from ..api import Services, create_app
    from ..app import IngestService

    settings = _settings(db, 1, spacy_model, allow_private, models)
    settings = settings.with_(fetch=replace(settings.fetch, contact=contact or settings.fetch.contact),
                              queue_lease=queue_lease or settings.queue_lease)
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
    from ..app.feeds import FeedService

    settings = _settings(db, allow_private=allow_private)
    with _store(settings) as store, _fetcher(settings) as fetcher:
        feed = FeedService(store, fetcher, lambda items: None).add(url, interval)
    console.print(f"feed {feed.id}: {escape(feed.url)}, polled every {feed.interval} s")


@feeds_app.command("list")
def feeds_list(db: DbOption = None, as_json: JsonOption = False, limit: LimitOption = 50,
               offset: OffsetOption = 0) -> None:
    """The feeds, with when they were polled last and their last error."""
    from ..store.feeds import FeedStore

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
    from ..store.feeds import FeedStore

    with _store(_settings(db)) as store:
        FeedStore(store).remove(feed)
    console.print(f"feed {feed} removed")


@feeds_app.command("poll")
def feeds_poll(db: DbOption = None, workers: WorkersOption = None, spacy_model: SpacyOption = None,
               allow_private: AllowPrivateOption = False) -> None:
    """Poll the feeds that are due once and ingest their new entries."""
    from ..app import IngestService
    from ..app.feeds import FeedService
    from ..engine import Drops
    from ..sources import read_all
    from ..sources.urls import UrlReader

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
