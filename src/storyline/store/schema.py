"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/`` create and evolve them."""

from __future__ import annotations

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, SmallInteger,
    String, Table, Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text, index=True),  # an article with a URL is identified by it: a new content is a revision
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
    Column("last_day", Date, index=True),  # with last_seq: which stories are near a new article in time
    Column("last_seq", BigInteger, index=True),  # the corpus's article count when the story last took one
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

lsh_bands = Table(  # MinHash LSH: one row per article and band (group.dedup), so candidates are indexed lookups.
    # The key is the table (no rowid, no second index) and starts with the generation, so an article's rows land on
    # the newest generation's pages, not on a page each across the store (the write cost that grew with the store)
    "lsh_bands",
    metadata,
    Column("generation", Integer, primary_key=True),
    Column("band", SmallInteger, primary_key=True),
    Column("hash", BigInteger, primary_key=True),
    Column("article_id", String(40), primary_key=True),
    sqlite_with_rowid=False,
)

dirty_stories = Table(  # stories whose dossier is older than their members; refresh_dirty rebuilds them
    "dirty_stories",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("generation", Integer, nullable=False),  # bumped on every change, so a rebuild never clears a newer mark
)

# --- the service: submitted inputs waiting for the worker, and earlier revisions of articles -------------

ingest_queue = Table(  # durable: what was accepted survives a restart; see store.queue
    "ingest_queue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(8), nullable=False),  # queued -> working -> done | failed
    Column("kind", String(8), nullable=False),  # text, html or url: what ``content`` holds
    Column("content", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(40)),
    Column("published_evidence", Text),  # where the submitter's date came from (a feed entry, the request)
    Column("source", Text),
    Column("reason", Text),  # why it failed, or what a no-op found ("unchanged")
    Column("article_id", String(40)),
    Column("story_id", String(40)),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("claimed_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Index("ix_ingest_queue_state_id", "state", "id"),
)

submission_keys = Table(  # a client's Idempotency-Key and the queue items its request made; see store.queue
    "submission_keys",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),  # sha256 of the submissions: a reused key must match it
    Column("queue_ids", Text, nullable=False),  # JSON list, in the request's order
    Column("created_at", DateTime(timezone=True), nullable=False),
)

article_revisions = Table(  # earlier contents of an article identified by its URL; the current one is in articles
    "article_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), nullable=False, index=True),
    Column("url", Text, nullable=False, index=True),
    Column("raw", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("published", String(40)),
    Column("fetched_at", DateTime(timezone=True)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),  # when this content was stored
    Column("replaced_at", DateTime(timezone=True), nullable=False),  # when a newer content replaced it
)

# --- feeds polled on a schedule, and watches that call webhooks ---------------------------------------

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("interval", Integer, nullable=False),  # seconds between polls
    Column("etag", Text),  # from the last 200, sent back as If-None-Match
    Column("last_modified", Text),  # ... as If-Modified-Since
    Column("last_polled", DateTime(timezone=True)),
    Column("next_poll", DateTime(timezone=True), nullable=False, index=True),
    Column("error_count", Integer, nullable=False, server_default="0"),  # failures in a row, for the backoff
    Column("last_error", Text),
)

feed_entries = Table(  # links already handed to ingest, so a re-poll submits only new entries
    "feed_entries",
    metadata,
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    Column("link", Text, primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("webhook", Text, nullable=False),
    Column("query", Text),  # words every matching article contains
    Column("entity", Text),  # an entity the article names (its grouping key)
    Column("outlet", Text),
    Column("story_id", String(40)),  # a story followed from the start (others are followed once an article matches)
    Column("created_at", DateTime(timezone=True), nullable=False),
)

watch_stories = Table(  # stories a watch follows, with the counts seen last, so a gain can be told
    "watch_stories",
    metadata,
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(40), primary_key=True),
    Column("claims", Integer, nullable=False),
    Column("conflicts", Integer, nullable=False),
)

watch_deliveries = Table(
    "watch_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event", String(20), nullable=False),  # articles (new matching ones) or stories (gained claims)
    Column("subjects", JSON, nullable=False),  # the article or story ids the call reported
    Column("status", Integer),  # the webhook's HTTP status; null when it could not be reached
    Column("error", Text),
    Column("delivered_at", DateTime(timezone=True), nullable=False),
)

memberships = Table(  # why each article is in its story: the grouping decision when it arrived (model.Membership)
    "memberships",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("record", JSON, nullable=False),
)
