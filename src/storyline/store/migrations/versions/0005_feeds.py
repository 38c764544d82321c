"""Feeds polled on a schedule (with the entry links already submitted) and watches with their deliveries.

Revision ID: 0005
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"  # re-chained onto 0004 when the branches merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("interval", sa.Integer, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_polled", sa.DateTime(timezone=True)),
        sa.Column("next_poll", sa.DateTime(timezone=True), nullable=False),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
    )
    op.create_index("ix_feeds_next_poll", "feeds", ["next_poll"])
    op.create_table(
        "feed_entries",
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("link", sa.Text, primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("webhook", sa.Text, nullable=False),
        sa.Column("query", sa.Text),
        sa.Column("entity", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("story_id", sa.String(40)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "watch_stories",
        sa.Column("watch_id", sa.Integer, sa.ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.String(40), primary_key=True),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("conflicts", sa.Integer, nullable=False),
    )
    op.create_table(
        "watch_deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("watch_id", sa.Integer, sa.ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("subjects", sa.JSON, nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_watch_deliveries_watch_id", "watch_deliveries", ["watch_id"])


def downgrade() -> None:
    for table in ("watch_deliveries", "watch_stories", "watches", "feed_entries", "feeds"):
        op.drop_table(table)
