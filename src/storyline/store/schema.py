"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/`` create and evolve them."""

from __future__ import annotations

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, Date, DateTime, Index, Integer, LargeBinary, MetaData, SmallInteger, String,
    Table, Text,
)

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
    Column("published", String(40), index=True),  # as given: a date, or a datetime with its offset
    Column("published_day", Date, index=True),  # its day, typed, so SQL orders and filters by time
    Column("published_evidence", Text),
    Column("reference_date", String(10)),  # an undated article: the day its own text points to; never `published`
    Column("reference_evidence", Text),
    Column("outlet_evidence", Text),
    Column("origin", Text),  # the wire agency the text credits, when it is not the outlet itself
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("duplicate_of", String(40), index=True),
    Column("story_id", String(40), index=True),
    Column("entity_keys", JSON, nullable=False),
    Column("facts", JSON),  # entities, quotes, numbers, dates (storyline.model.codec)
    Column("embedding", LargeBinary),
    Column("minhash", LargeBinary),
    Column("fetched_at", DateTime(timezone=True)),  # when a reader fetched it; never a publication date
    Column("ingested_at", DateTime(timezone=True), nullable=False),  # when we stored it; never a publication date
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
    Column("first_day", Date, index=True),
    Column("last_day", Date, index=True),
    Column("has_conflicts", Boolean, nullable=False, server_default="0"),
    Column("summary", JSON, nullable=False),
    Column("facts", JSON),  # entities, quotes, claims, timeline, coverage
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
)

# --- incremental grouping state: what ingesting one more article needs, without reading every article ----

story_profiles = Table(
    "story_profiles",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("size", Integer, nullable=False),  # members, syndicated copies included
    Column("centroid", LargeBinary),  # float32 sum of member embeddings (normalised when compared)
    Column("terms", LargeBinary),  # the sum of member term vectors: int32 indices then float32 values
    Column("entities", JSON, nullable=False),  # grouping key -> members naming it
    Column("first_day", Date),
    Column("last_day", Date),
)

group_state = Table(  # corpus-wide statistics, one row per name: document count, term document frequencies
    "group_state",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

entity_df = Table(
    "entity_df",
    metadata,
    Column("key", Text, primary_key=True),
    Column("df", Integer, nullable=False),
)

lsh_bands = Table(  # MinHash LSH: one row per article and band, so candidates are one indexed lookup
    "lsh_bands",
    metadata,
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("article_id", String(40), nullable=False),
    Index("ix_lsh_bands_band_hash", "band", "hash"),
)

dirty_stories = Table(  # stories whose dossier is older than their members; refresh_dirty rebuilds them
    "dirty_stories",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("generation", Integer, nullable=False),  # bumped on every change, so a rebuild never clears a newer mark
)

memberships = Table(  # why each article is in its story: the grouping decision when it arrived (model.Membership)
    "memberships",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("record", JSON, nullable=False),
)
