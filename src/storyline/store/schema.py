"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/`` create and evolve them."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("format", String(8), nullable=False),
    Column("raw", Text, nullable=False),  # kept so a better extractor can re-run without the original files
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(40), index=True),
    Column("published_evidence", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("duplicate_of", String(40), index=True),
    Column("story_id", String(40), index=True),
    Column("entity_keys", JSON, nullable=False),
    Column("facts", JSON),  # entities, quotes, numbers, dates (storyline.store.facts_json)
    Column("embedding", LargeBinary),
    Column("minhash", LargeBinary),
    Column("ingested_at", DateTime(timezone=True), nullable=False),  # when we read it; never a publication date
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("article_count", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("first_published", String(40)),
    Column("last_published", String(40)),
    Column("summary", JSON, nullable=False),
    Column("facts", JSON),  # entities, quotes, claims, timeline, coverage
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
