"""Memberships: why each article is in its story (the grouping score's parts and the runner-up).

Articles grouped before this revision have no membership; the UI says so instead of guessing one.

Revision ID: 0006
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "memberships",
        sa.Column("article_id", sa.String(40), primary_key=True),
        sa.Column("story_id", sa.String(40), nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_memberships_story_id", "memberships", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_memberships_story_id", "memberships")
    op.drop_table("memberships")
