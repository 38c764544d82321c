"""The ``storyline`` command line. It calls the app services only (``storyline.app``).

Commands live by what they do: ``ingest`` (putting articles in), ``read`` (stories, articles, search, exports),
``serve`` (the server and its feeds) and ``db``; ``common`` holds what they share.
"""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer
from rich.logging import RichHandler
from rich.markup import escape

from .. import __version__
from ..exceptions import StorylineError
from . import db, ingest, read, serve  # noqa: F401 - importing a module registers its commands (in this order)
from .common import ConfigOption, app, configure, console, err

app.add_typer(read.articles_app, name="articles")
app.add_typer(db.db_app, name="db")
app.add_typer(serve.feeds_app, name="feeds")


def _version(value: bool) -> None:
    if value:
        console.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every step's details.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
    config: ConfigOption = None,
) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models come from installed packages, never from a hub
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False, show_time=False)],
    )
    configure(config)


def entrypoint() -> None:
    try:
        app()
    except StorylineError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise SystemExit(2) from None
    except OSError as e:
        err.print(f"[red]error:[/red] {escape(e.strerror or str(e))}: {escape(str(e.filename or ''))}")
        raise SystemExit(2) from None


__all__ = ["app", "entrypoint"]
