"""The grouping and dedup state in the store, read and written inside one ingest transaction.

What one more article needs: the anchors (centroid, dates, arrival) of the stories eligible for it (all of them
in a small store; beyond ``Settings.story_exact_limit``, those near it in time, found through the indexes on
``last_day`` and ``last_seq``), the full profiles of the few candidate stories, the term statistics, the entity
statistics of the names it and its candidates carry, and the LSH bands its signature falls in. Nothing here
reads article texts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from sqlalchemy import Connection, Dialect, Select, and_, bindparam, delete, func, insert, or_, select, update

from ..group.dedup import BandIndex, Lookup
from ..group.stories import TFIDF_FEATURES, Anchor, Profile, StoryClusterer
from ..model import Article, codec
from ..settings import Settings
from ..text import iso_day
from .database import chunks
from .rows import blob, vector
from .schema import articles, entity_df, group_state, lsh_bands, memberships, story_profiles

_BAND_KEYS = 300  # band keys per lookup statement: a chunk's keys, sorted, in a few statements of ~900 parameters
_DOCS, _DF, _BANDED = "docs", "term_df", "banded"  # banded: articles in the LSH index, the next one's number
_EMBEDDING = "embedding"  # vectors.embedding_identity of the settings the stored vectors were made with


class StoredState:
    """Reads state for ``StoryClusterer`` and ``BandIndex`` from ``conn`` and writes their changes back."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # --- reading --------------------------------------------------------------------------------------

    def initialised(self) -> bool:
        return self.conn.scalar(select(group_state.c.name).where(group_state.c.name == _DOCS)) is not None

    def embedding(self) -> str | None:
        """How the stored article vectors were made (``vectors.embedding_identity``), None before any ingest."""
        value = self.conn.scalar(select(group_state.c.value).where(group_state.c.name == _EMBEDDING))
        return value.decode() if value is not None else None

    def band_index(self, settings: Settings) -> BandIndex:
        """The stored LSH index, numbering the articles it takes from the stored count on."""
        banded = self.conn.scalar(select(group_state.c.value).where(group_state.c.name == _BANDED))
        return BandIndex.for_settings(settings, self.lookup(), seq=int.from_bytes(banded, "big") if banded else 0)

    def load_into(self, clusterer: StoryClusterer, articles: list[Article]) -> None:
        """Load the corpus statistics and the anchors of every story that may be eligible for ``articles``
        (``StoryClusterer.eligible``) while they are added: a superset, which the clusterer narrows per article."""
        values = dict(self.conn.execute(select(group_state.c.name, group_state.c.value)).all())
        docs = int.from_bytes(values[_DOCS], "big") if _DOCS in values else 0
        df = vector(values.get(_DF), np.int32)
        stories = self.conn.scalar(select(func.count()).select_from(story_profiles))
        clusterer.load(self, self._anchors(clusterer, stories, docs, articles), stories,
                       df if df is not None else np.zeros(TFIDF_FEATURES, np.int32), docs)

    def _anchors(self, clusterer: StoryClusterer, stories: int, docs: int, articles: list[Article]) -> dict[str, Anchor]:
        if stories <= clusterer.exact_limit:  # exhaustive now; if it stops being so mid-chunk, all is a superset
            wanted = [("anchors", ())]
        else:  # arrival only moves on, so what is recent at the start stays the superset for the chunk
            wanted = [("recent anchors", (docs - clusterer.recent_articles,))]
            days = [day for day in (iso_day(a.published) for a in articles) if day is not None]
            if days:  # two indexed queries, not an OR that SQLite may answer by a scan
                window = timedelta(days=clusterer.window_days)
                wanted.append(("dated anchors", ((min(days) - window).isoformat(), (max(days) + window).isoformat())))
        anchors = {}
        for kind, values in wanted:
            for story_id, centroid, first, last, seen in _run(self.conn, kind, values):
                anchors[story_id] = Anchor(vector(centroid, np.float32), _day(first), _day(last), seen or 0)
        return dict(sorted(anchors.items()))

    def profiles(self, story_ids: list[str]) -> dict[str, Profile]:
        out = {}
        for chunk in chunks(story_ids):
            for story_id, size, centroid, terms, entities, first, last, seen in _run(self.conn, "profiles", chunk):
                out[story_id] = Profile(
                    size=size, centroid=vector(centroid, np.float32), terms=_terms(terms),
                    entities=Counter(_json(entities)), first=_day(first), last=_day(last), seen=seen or 0)
        return out

    def entity_df(self, keys: list[str]) -> dict[str, int]:
        """Stored document frequencies of ``keys`` (those never seen are absent)."""
        out: dict[str, int] = {}
        for chunk in chunks(keys):
            out.update(self.conn.execute(select(entity_df.c.key, entity_df.c.df).where(entity_df.c.key.in_(chunk))).all())
        return out

    def story_of(self, article_id: str) -> str | None:
        return self.conn.scalar(select(articles.c.story_id).where(articles.c.id == article_id))

    def lookup(self) -> Lookup:
        def rows(keys: list[tuple[int, int, int]]) -> list[tuple[tuple[int, int, int], str, tuple[np.ndarray, str]]]:
            found = [((gen, band, h), article_id) for part in chunks(keys, _BAND_KEYS)
                     for gen, band, h, article_id in _run(self.conn, "bands", [v for key in part for v in key])]
            entries = {}
            for chunk in chunks(sorted({article_id for _, article_id in found})):
                for article_id, minhash, root in self.conn.execute(
                        select(articles.c.id, articles.c.minhash, articles.c.duplicate_of).where(articles.c.id.in_(chunk))):
                    if minhash is not None:
                        entries[article_id] = (vector(minhash, np.uint32), root or article_id)
            return [(row, article_id, entries[article_id]) for row, article_id in found if article_id in entries]

        return rows

    # --- writing --------------------------------------------------------------------------------------

    def save(self, clusterer: StoryClusterer, index: BandIndex) -> None:
        """Write back the profiles of touched stories, the corpus statistics, the new LSH bands and the
        grouping decisions (memberships) made since the last save."""
        touched = sorted(clusterer.touched)
        for chunk in chunks(touched):
            self.conn.execute(delete(story_profiles).where(story_profiles.c.story_id.in_(chunk)))
        if touched:
            self.conn.execute(insert(story_profiles), [_profile_row(sid, clusterer.profile(sid)) for sid in touched])
        self._put(_DOCS, clusterer.docs.to_bytes(8, "big"))
        self._put(_DF, blob(clusterer.df, np.int32))
        self._add_entity_df(clusterer.entity_df_delta)
        rows = [{"generation": gen, "band": band, "hash": h, "article_id": aid}  # in key order: page by page
                for gen, band, h, aid in sorted((*key, aid) for aid, keys in index.added for key in keys)]
        if rows:
            self.conn.execute(insert(lsh_bands), rows)
        self._put(_BANDED, index.seq.to_bytes(8, "big"))
        decided = {m.article_id: m for m in clusterer.memberships}
        for chunk in chunks(sorted(decided)):
            self.conn.execute(delete(memberships).where(memberships.c.article_id.in_(chunk)))
        if decided:
            self.conn.execute(insert(memberships), [{"article_id": m.article_id, "story_id": m.story_id,
                                                     "record": codec.to_dict(m)} for m in decided.values()])
        clusterer.touched.clear()
        clusterer.memberships.clear()
        clusterer.entity_df_delta.clear()
        index.added.clear()

    def record_embedding(self, identity: str) -> None:
        """Note how the vectors of a new store are made; a store keeps the first identity it was given."""
        if self.embedding() is None:
            self._put(_EMBEDDING, identity.encode())

    def _put(self, name: str, value: bytes) -> None:
        if not self.conn.execute(update(group_state).where(group_state.c.name == name).values(value=value)).rowcount:
            self.conn.execute(insert(group_state).values(name=name, value=value))

    def _add_entity_df(self, delta: Counter) -> None:
        keys = sorted(delta)
        existing = self.entity_df(keys)
        counted = [{"k": k, "n": existing[k] + delta[k]} for k in keys if k in existing]
        if counted:  # one executemany, not a round trip per name
            self.conn.execute(update(entity_df).where(entity_df.c.key == bindparam("k")).values(df=bindparam("n")),
                              counted)
        new = [{"key": k, "df": delta[k]} for k in keys if k not in existing]
        if new:
            self.conn.execute(insert(entity_df), new)

    def forget(self, story_ids: Iterable[str]) -> None:
        for chunk in chunks(sorted(set(story_ids))):
            self.conn.execute(delete(story_profiles).where(story_profiles.c.story_id.in_(chunk)))


def _band_query(n: int) -> tuple[Select, list[str]]:
    """Articles in any of ``n`` (generation, band, hash) keys, given as g0, b0, h0, g1, … An OR of keys, not a
    row-value IN: SQLite answers "(band, hash) IN (VALUES ...)" by a scan."""
    g, b, h = lsh_bands.c.generation, lsh_bands.c.band, lsh_bands.c.hash
    names = [f"{name}{i}" for i in range(n) for name in "gbh"]
    return select(g, b, h, lsh_bands.c.article_id).where(
        or_(*(and_(g == bindparam(f"g{i}"), b == bindparam(f"b{i}"), h == bindparam(f"h{i}")) for i in range(n)))), names


def _anchor_query(kind: str) -> tuple[Select, list[str]]:
    """What finding candidate stories reads of each (``StoredState._anchors``): all stories, or those recent by
    arrival (``last_seq`` above r0), or dated near the chunk's days (d0, d1), each answered by an index. Not sorted
    in SQL: an ORDER BY story_id made SQLite walk the primary key over every story instead of the range."""
    p = story_profiles.c
    query = select(p.story_id, p.centroid, p.first_day, p.last_day, p.last_seq)
    if kind == "recent anchors":
        return query.where(p.last_seq > bindparam("r0")), ["r0"]
    if kind == "dated anchors":
        day = p.last_day.type
        return query.where(p.last_day >= bindparam("d0", type_=day), p.first_day <= bindparam("d1", type_=day)), ["d0", "d1"]
    return query, []


def _profile_query(n: int) -> tuple[Select, list[str]]:
    """The full profiles of ``n`` stories, given as p0, p1, …"""
    p = story_profiles.c
    names = [f"p{i}" for i in range(n)]
    return select(p.story_id, p.size, p.centroid, p.terms, p.entities, p.first_day, p.last_day, p.last_seq).where(
        p.story_id.in_([bindparam(name) for name in names])), names


_QUERIES = {"bands": lambda n: _band_query(n // 3), "profiles": _profile_query,
            **{kind: lambda n, kind=kind: _anchor_query(kind) for kind in ("anchors", "recent anchors", "dated anchors")}}


@lru_cache(maxsize=256)
def _statement(kind: str, n: int, dialect: Dialect) -> tuple[str, tuple[int, ...] | None, tuple[str, ...] | None]:
    """The query ``kind`` for ``n`` parameter values, compiled once per dialect, with the order a positional
    driver wants the values in, or their names for a named one. Building and compiling the expressions, and
    SQLAlchemy's processing of parameters and result rows, cost more than SQLite's own work on these per-article
    reads (the band lookup's ~450 parameters, a few hundred candidate profiles per chunk)."""
    query, names = _QUERIES[kind](n)
    compiled = query.compile(dialect=dialect)
    if compiled.positional:
        return compiled.string, tuple(names.index(name) for name in compiled.positiontup), None
    return compiled.string, None, tuple(names)


def _run(conn: Connection, kind: str, values: Sequence) -> list[tuple]:
    """Run the query ``kind`` by the driver with ``values`` (in the order its parameters are named; dates as ISO
    text); raw rows (see ``_day`` and ``_json`` for the columns a dialect returns as text)."""
    statement, positions, names = _statement(kind, len(values), conn.dialect)
    params = dict(zip(names, values)) if names is not None else tuple(values[i] for i in positions)
    return conn.exec_driver_sql(statement, params).all()


def _day(value: date | str | None) -> date | None:
    """A Date column's value as read by the driver: SQLite keeps it as ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any) -> Any:
    """A JSON column's value as read by the driver: SQLite keeps it as text, PostgreSQL's driver decodes it."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _terms(data: bytes | None) -> sp.csr_matrix | None:
    if data is None:
        return None
    n = len(data) // 8
    indices = np.frombuffer(data[: 4 * n], dtype=np.int32)
    values = np.frombuffer(data[4 * n :], dtype=np.float32)
    return sp.csr_matrix((values, indices, np.array([0, n])), shape=(1, TFIDF_FEATURES))


def _profile_row(story_id: str, p: Profile) -> dict:
    terms = None
    if p.terms is not None:
        t = p.terms.tocsr()
        t.sum_duplicates()
        terms = t.indices.astype(np.int32).tobytes() + t.data.astype(np.float32).tobytes()
    return {"story_id": story_id, "size": p.size, "centroid": blob(p.centroid, np.float32), "terms": terms,
            "entities": dict(p.entities), "first_day": p.first, "last_day": p.last, "last_seq": p.seen}
