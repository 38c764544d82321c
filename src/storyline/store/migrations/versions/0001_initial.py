"""Articles and stories, with full-text search over article text on SQLite (FTS5).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("published_evidence", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("duplicate_of", sa.String(40)),
        sa.Column("story_id", sa.String(40)),
        sa.Column("entities", sa.JSON, nullable=False),
        sa.Column("embedding", sa.LargeBinary),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("published", "duplicate_of", "story_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("first_published", sa.String(40)),
        sa.Column("last_published", sa.String(40)),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Contentless-delete is newer than some SQLite builds; a plain FTS table kept in sync by the store is portable.
        op.execute("CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, text)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_search")
    op.drop_table("stories")
    op.drop_table("articles")
