"""Parquet files of articles and stories, the output of ``storyline batch`` that ``storyline load`` reads.

An article row keeps the raw input and the vectors in their own columns (so the global pass reads neither
raw pages nor more than it needs) and every other field as the codec's JSON. Files are written beside their
final name and renamed into place (``export.files``), so a file under its final name is always complete.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from ..exceptions import ConfigError
from ..model import Article, Story, codec
from ..store.rows import blob, vector
from .files import replace_atomically, temporary

READ_BATCH = 1024  # rows per read: memory follows the batch, not the file
_OMIT = {Article: {"raw", "embedding", "minhash"}}


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("batch output needs pyarrow: pip install 'storyline[batch]'") from None
    return pa, pq


def _article_schema():
    pa, _ = _arrow()
    return pa.schema([("id", pa.string()), ("raw", pa.large_string()), ("record", pa.large_string()),
                      ("embedding", pa.binary()), ("minhash", pa.binary())])


class ArticleWriter:
    """Writes articles to ``path`` chunk by chunk (one row group each); ``close()`` puts the file in place."""

    def __init__(self, path: Path) -> None:
        _, pq = _arrow()
        self.path = path
        self.tmp = temporary(path)
        self.rows = 0
        self._writer = pq.ParquetWriter(self.tmp, _article_schema(), compression="zstd")

    def write(self, articles: list[Article]) -> None:
        pa, _ = _arrow()
        if not articles:
            return
        columns = {
            "id": [a.id for a in articles],
            "raw": [a.raw for a in articles],
            "record": [json.dumps(codec.to_dict(a, _OMIT), ensure_ascii=False) for a in articles],
            "embedding": [blob(a.embedding, np.float32) for a in articles],
            "minhash": [blob(a.minhash, np.uint32) for a in articles],
        }
        self._writer.write_table(pa.table(columns, schema=_article_schema()))
        self.rows += len(articles)

    def close(self) -> None:
        self._writer.close()
        replace_atomically(self.tmp, self.path)

    def abandon(self) -> None:
        self._writer.close()
        self.tmp.unlink(missing_ok=True)


def read_articles(path: Path, with_raw: bool = True) -> Iterator[Article]:
    _, pq = _arrow()
    columns = ["id", "record", "embedding", "minhash"] + (["raw"] if with_raw else [])
    for batch in pq.ParquetFile(path).iter_batches(batch_size=READ_BATCH, columns=columns):
        rows = batch.to_pydict()
        for i, record in enumerate(rows["record"]):
            article = codec.from_dict(Article, {**json.loads(record), "raw": rows["raw"][i] if with_raw else ""})
            article.embedding = vector(rows["embedding"][i], np.float32)
            article.minhash = vector(rows["minhash"][i], np.uint32)
            yield article


def write_stories(path: Path, stories: Iterable[Story]) -> None:
    pa, pq = _arrow()
    stories = list(stories)
    table = pa.table({"id": [s.id for s in stories],
                      "record": [json.dumps(codec.to_dict(s), ensure_ascii=False) for s in stories]},
                     schema=pa.schema([("id", pa.string()), ("record", pa.large_string())]))
    tmp = temporary(path)
    pq.write_table(table, tmp, compression="zstd")
    replace_atomically(tmp, path)


def read_stories(path: Path) -> Iterator[Story]:
    _, pq = _arrow()
    for batch in pq.ParquetFile(path).iter_batches(batch_size=READ_BATCH):
        for record in batch.column("record").to_pylist():
            yield codec.from_dict(Story, json.loads(record))


def write_assignments(path: Path, articles: Iterable[Article]) -> None:
    """Each article's global decisions: the original it copies, the story it belongs to."""
    pa, pq = _arrow()
    rows = [(a.id, a.duplicate_of, a.story_id) for a in articles]
    table = pa.table({"id": [r[0] for r in rows], "duplicate_of": [r[1] for r in rows],
                      "story_id": [r[2] for r in rows]},
                     schema=pa.schema([("id", pa.string()), ("duplicate_of", pa.string()), ("story_id", pa.string())]))
    tmp = temporary(path)
    pq.write_table(table, tmp, compression="zstd")
    replace_atomically(tmp, path)


def read_assignments(path: Path) -> dict[str, tuple[str | None, str | None]]:
    _, pq = _arrow()
    table = pq.read_table(path).to_pydict()
    return {i: (d, s) for i, d, s in zip(table["id"], table["duplicate_of"], table["story_id"])}
