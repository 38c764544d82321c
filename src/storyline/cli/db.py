"""The database's schema: db upgrade, db status."""

from __future__ import annotations

import typer

from .common import DbOption, _settings, console

db_app = typer.Typer(help="The database: schema status and upgrades.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Bring the database to the newest schema (other commands do this once, automatically)."""
    from ..store import Store

    with Store(_settings(db).db_url, migrate=False) as store:
        changed = store.upgrade()
        current, _head = store.revision()
    console.print(f"schema {current}" + (" (upgraded)" if changed else " (already the newest)"))


@db_app.command("status")
def db_status(db: DbOption = None) -> None:
    """The database's schema revision and the newest this version knows."""
    from ..store import Store

    with Store(_settings(db).db_url, migrate=False) as store:
        current, head = store.revision()
    console.print(f"schema {current or 'none'}; newest {head}" + ("" if current == head else ": run `storyline db upgrade`"))
