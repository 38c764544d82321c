"""The stored vectors' embedding identity: a store made before it read each text up to MiniLM's own limit.

``group_state`` gets a row ``embedding`` (``vectors.embedding_identity``) so that an ingest with settings that
make other vectors (stop 16 made 128 word pieces the default) is refused instead of mixing them with the
stored centroids. Stores that already hold grouping state were built reading 256 word pieces, in float.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_STATE = sa.table("group_state", sa.column("name", sa.String), sa.column("value", sa.LargeBinary))


def upgrade() -> None:
    bind = op.get_bind()
    has_state = bind.scalar(sa.select(_STATE.c.name).where(_STATE.c.name == "docs")) is not None
    has_identity = bind.scalar(sa.select(_STATE.c.name).where(_STATE.c.name == "embedding")) is not None
    if has_state and not has_identity:
        bind.execute(sa.insert(_STATE).values(name="embedding", value=b"256 word pieces, float"))


def downgrade() -> None:
    """The row stays: older code never reads it, and an upgrade back must not relabel vectors made since."""
