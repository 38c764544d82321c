"""Story recency: find the stories near a new article in time without reading every story's centroid.

``story_profiles.last_seq`` is the corpus's article count when the story last took an article; with an index on
it and on ``last_day``, an ingest into a large store reads only the stories eligible for its articles.
Stories stored before this revision count as recent (their arrival is unknown), so none is lost from view
until ``Settings.story_recent_articles`` further articles have arrived.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("story_profiles", sa.Column("last_seq", sa.BigInteger))
    bind = op.get_bind()
    docs = bind.scalar(sa.text("SELECT value FROM group_state WHERE name = 'docs'"))
    if docs is not None:
        bind.execute(sa.text("UPDATE story_profiles SET last_seq = :seq"), {"seq": int.from_bytes(docs, "big")})
    op.create_index("ix_story_profiles_last_day", "story_profiles", ["last_day"])
    op.create_index("ix_story_profiles_last_seq", "story_profiles", ["last_seq"])


def downgrade() -> None:
    op.drop_index("ix_story_profiles_last_seq", "story_profiles")
    op.drop_index("ix_story_profiles_last_day", "story_profiles")
    op.drop_column("story_profiles", "last_seq")
