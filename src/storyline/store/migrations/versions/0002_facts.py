"""The fact layer: per-article entities, quotes, numbers and dates; per-story claims, timeline, coverage.

The grouping keys keep their own column, renamed ``entity_keys`` now that ``entities`` means Entity records.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("entities", new_column_name="entity_keys", existing_type=sa.JSON, existing_nullable=False)
        batch.add_column(sa.Column("facts", sa.JSON))
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("facts", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("facts")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("facts")
        batch.alter_column("entity_keys", new_column_name="entities", existing_type=sa.JSON, existing_nullable=False)
