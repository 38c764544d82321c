"""Storage: SQLAlchemy Core over SQLite (default) or any SQLAlchemy URL, migrated by Alembic on open."""

from .database import Store

__all__ = ["Store"]
