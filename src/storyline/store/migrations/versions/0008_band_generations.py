"""LSH band rows filed by generation, and an exact-copy row per article.

``lsh_bands`` gets a ``generation`` (the article's arrival number in the index divided by
``group.dedup.GENERATION``) leading a key that is the table itself (SQLite: WITHOUT ROWID), so a new article's
rows land on the newest generation's pages; each article also gets its whole-signature row (``EXACT``), so exact
copies are found however old. Stored rows are numbered in the order their articles were stored (``ingested_at``,
then id) and the count is kept as the group state's ``banded``.

Revision ID: 0008
Revises: 0007
"""

import numpy as np
import sqlalchemy as sa
from alembic import op

from storyline.group.dedup import EXACT, exact_key, generation

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BATCH = 20_000


def upgrade() -> None:
    op.rename_table("lsh_bands", "lsh_bands_0007")
    op.create_table(
        "lsh_bands",
        sa.Column("generation", sa.Integer, primary_key=True),
        sa.Column("band", sa.SmallInteger, primary_key=True),
        sa.Column("hash", sa.BigInteger, primary_key=True),
        sa.Column("article_id", sa.String(40), primary_key=True),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    banded = bind.execute(sa.text(
        "SELECT a.id, a.minhash FROM articles a WHERE a.id IN (SELECT article_id FROM lsh_bands_0007) "
        "ORDER BY a.ingested_at, a.id")).all()
    number = {article_id: seq for seq, (article_id, _) in enumerate(banded)}
    rows = [{"generation": EXACT, "band": band, "hash": h, "article_id": article_id}
            for article_id, minhash in banded if minhash is not None
            for band, h in [exact_key(np.frombuffer(minhash, dtype=np.uint32))]]
    old = bind.execute(sa.text("SELECT band, hash, article_id FROM lsh_bands_0007"))
    while batch := old.fetchmany(_BATCH):
        rows += [{"generation": generation(number[a]), "band": b, "hash": h, "article_id": a}
                 for b, h, a in batch if a in number]
        _insert(bind, rows)
        rows = []
    _insert(bind, rows)
    op.drop_table("lsh_bands_0007")
    if banded:
        value = len(banded).to_bytes(8, "big")
        if bind.execute(sa.text("UPDATE group_state SET value = :v WHERE name = 'banded'"), {"v": value}).rowcount == 0:
            bind.execute(sa.text("INSERT INTO group_state (name, value) VALUES ('banded', :v)"), {"v": value})


def _insert(bind, rows: list[dict]) -> None:
    if rows:
        bind.execute(sa.text("INSERT INTO lsh_bands (generation, band, hash, article_id) "
                             "VALUES (:generation, :band, :hash, :article_id)"), rows)


def downgrade() -> None:
    op.rename_table("lsh_bands", "lsh_bands_0008")
    op.create_table(
        "lsh_bands",
        sa.Column("band", sa.SmallInteger, nullable=False),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("article_id", sa.String(40), nullable=False),
    )
    op.get_bind().execute(sa.text("INSERT INTO lsh_bands (band, hash, article_id) "
                                  "SELECT band, hash, article_id FROM lsh_bands_0008 WHERE generation <> :exact"),
                          {"exact": EXACT})
    op.drop_table("lsh_bands_0008")
    op.create_index("ix_lsh_bands_band_hash", "lsh_bands", ["band", "hash"])
    op.execute("DELETE FROM group_state WHERE name = 'banded'")
