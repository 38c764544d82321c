"""Incremental state, typed dates, provenance fields and full-text search kept in sync by the database.

Grouping state (story profiles, corpus statistics, entity document frequencies, LSH bands) and dirty-story
marks get tables, so an ingest reads only what it needs and a crash leaves marks that the next run finishes.
Stored articles from earlier versions are folded into that state by the first ingest after upgrading.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_FTS_TRIGGERS = (
    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search (article_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN "
    "DELETE FROM article_search WHERE article_id = old.id; END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles BEGIN "
    "DELETE FROM article_search WHERE article_id = old.id; "
    "INSERT INTO article_search (article_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("published_day", sa.Date))
        batch.add_column(sa.Column("fetched_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("reference_date", sa.String(10)))
        batch.add_column(sa.Column("reference_evidence", sa.Text))
        batch.add_column(sa.Column("outlet_evidence", sa.Text))
        batch.add_column(sa.Column("origin", sa.Text))
        batch.create_index("ix_articles_published_day", ["published_day"])
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("first_day", sa.Date))
        batch.add_column(sa.Column("last_day", sa.Date))
        batch.add_column(sa.Column("has_conflicts", sa.Boolean, nullable=False, server_default="0"))
        batch.create_index("ix_stories_first_day", ["first_day"])
        batch.create_index("ix_stories_last_day", ["last_day"])
        batch.create_index("ix_stories_updated_at", ["updated_at"])
    _backfill_days()
    op.create_table(
        "story_profiles",
        sa.Column("story_id", sa.String(40), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("centroid", sa.LargeBinary),
        sa.Column("terms", sa.LargeBinary),
        sa.Column("entities", sa.JSON, nullable=False),
        sa.Column("first_day", sa.Date),
        sa.Column("last_day", sa.Date),
    )
    op.create_table(
        "group_state", sa.Column("name", sa.String(40), primary_key=True), sa.Column("value", sa.LargeBinary, nullable=False)
    )
    op.create_table("entity_df", sa.Column("key", sa.Text, primary_key=True), sa.Column("df", sa.Integer, nullable=False))
    op.create_table(
        "lsh_bands",
        sa.Column("band", sa.SmallInteger, nullable=False),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("article_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_lsh_bands_band_hash", "lsh_bands", ["band", "hash"])
    op.create_table(
        "dirty_stories",
        sa.Column("story_id", sa.String(40), primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
    )
    if dialect == "sqlite":
        for statement in _FTS_TRIGGERS:
            op.execute(statement)
        # From here the triggers keep the index in sync; rebuild it once so it matches the table exactly.
        op.execute("DELETE FROM article_search")
        op.execute("INSERT INTO article_search (article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles")
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search)")


def _backfill_days() -> None:
    """Typed days from the ISO strings stored so far (a malformed one stays null, as unknown)."""
    from datetime import date

    bind = op.get_bind()
    for table, pairs in (("articles", (("published", "published_day"),)),
                         ("stories", (("first_published", "first_day"), ("last_published", "last_day")))):
        t = sa.table(table, sa.column("id"), *(sa.column(c) for pair in pairs for c in pair))
        for row in bind.execute(sa.select(t)).mappings().all():
            values = {}
            for text_column, day_column in pairs:
                try:
                    values[day_column] = date.fromisoformat((row[text_column] or "")[:10]) if row[text_column] else None
                except ValueError:
                    values[day_column] = None
            bind.execute(sa.update(t).where(t.c.id == row["id"]).values(**values))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER articles_search_{name}")
    elif dialect == "postgresql":
        op.execute("DROP INDEX ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search")
    for table in ("dirty_stories", "lsh_bands", "entity_df", "group_state", "story_profiles"):
        op.drop_table(table)
    with op.batch_alter_table("stories") as batch:
        for index in ("ix_stories_first_day", "ix_stories_last_day", "ix_stories_updated_at"):
            batch.drop_index(index)
        for column in ("first_day", "last_day", "has_conflicts"):
            batch.drop_column(column)
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_published_day")
        batch.drop_column("published_day")
        for column in ("fetched_at", "reference_date", "reference_evidence", "outlet_evidence", "origin"):
            batch.drop_column(column)
