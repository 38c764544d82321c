"""Storage: SQLAlchemy Core over SQLite (default) or PostgreSQL, migrated by Alembic."""

from .database import Page, Store, StoryFilter, StorySort

__all__ = ["Page", "Store", "StoryFilter", "StorySort"]
