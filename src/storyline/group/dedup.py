"""Near-duplicates and syndicated wire copies, by MinHash LSH over word shingles.

A copy points at its original with ``duplicate_of`` (always the root, never a chain), so that
corroboration can count a wire story once however many outlets ran it. The LSH index is banded here (band
hashes of the signature), so the same index lives in memory or in the store's ``lsh_bands`` table and one
new article costs one indexed lookup, not a pass over the corpus.

Band rows are filed by generation: the article's arrival number divided by ``GENERATION``. A stored index is
ordered by generation first, so a new article's rows land among the latest generation's few pages instead of
on a page of their own in an index as large as the store (each such page is written again at every commit and
checkpoint: the cost that grew with the store). Lookups consult the generations within
``Settings.dedup_window`` articles of the newest; older near-copies are not proposed (copies of old articles
are rare). Exact copies are found forever: every article also has an ``EXACT`` row keyed by its whole
signature, in a generation of its own that every lookup consults.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import ClassVar

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..engine import Step
from ..model import Article
from ..settings import Settings

NUM_PERM = 128
SCHEME = "affine32"  # datasketch ≥ 2 scheme; stored signatures are uint32 and must be read back with it
SHINGLE = 5
_WORD = re.compile(r"\w+")

GENERATION = 1000  # articles per generation of band rows: bounds the pages one article's rows can land on
EXACT = -1  # the band of the whole-signature row, and its generation: exact copies, consulted forever

# Stored rows: (generation, band, hash) keys -> ((generation, band, hash), article id, (signature, root id)) of the
# stored articles filed under them; the store answers it.
Lookup = Callable[[list[tuple[int, int, int]]], Iterable[tuple[tuple[int, int, int], str, tuple[np.ndarray, str]]]]


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(list(shingles(text)))
    return m.hashvalues


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@cache
def _bands_rows(threshold: float) -> tuple[int, int]:
    """datasketch's choice of bands × rows for ``threshold``: a numerical optimisation of about 0.1 s, so it is
    made once per process, not once per ingest chunk (the service ingests one article at a time)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _hash(values: np.ndarray) -> int:
    return int.from_bytes(hashlib.blake2b(values.tobytes(), digest_size=8).digest(), "big", signed=True)


def exact_key(sig: np.ndarray) -> tuple[int, int]:
    """The (band, hash) of the whole signature: equal for texts with the same shingles."""
    return EXACT, _hash(sig)


def generation(seq: int) -> int:
    return seq // GENERATION


class BandIndex:
    """MinHash LSH bands: articles sharing a band hash are candidates. ``lookup`` adds stored articles.

    ``seq`` is the arrival number the next article added gets (the stored index's count); an article is
    proposed the articles of the generations within ``window`` arrivals of it, and its exact copies always. Stored
    rows are read by :meth:`prefetch`, once for the articles about to be added."""

    def __init__(self, candidate_threshold: float, lookup: Lookup | None = None, *, window: int,
                 seq: int = 0) -> None:
        self.bands, self.rows = _bands_rows(candidate_threshold)
        self.lookup = lookup
        self.window = window
        self.seq = seq
        self._buckets: dict[tuple[int, int, int], list[str]] = {}
        self._entries: dict[str, tuple[np.ndarray, str]] = {}  # article id -> (signature, root id)
        self._stored: dict[str, tuple[np.ndarray, str]] = {}  # the same, of stored articles prefetched
        self.added: list[tuple[str, list[tuple[int, int, int]]]] = []  # what to persist: (article id, row keys)

    @classmethod
    def for_settings(cls, settings: Settings, lookup: Lookup | None = None, seq: int = 0) -> BandIndex:
        # LSH only proposes candidates; a lower bar than the decision keeps borderline copies from being missed.
        return cls(settings.thresholds.duplicate_jaccard * 0.6, lookup, window=settings.dedup_window, seq=seq)

    def keys(self, sig: np.ndarray) -> list[tuple[int, int]]:
        """The signature's band keys (band, hash), its ``exact_key`` last."""
        bands = [(band, _hash(sig[band * self.rows : (band + 1) * self.rows])) for band in range(self.bands)]
        return [*bands, exact_key(sig)]

    def _rows(self, keys: list[tuple[int, int]], gen: int) -> list[tuple[int, int, int]]:
        return [(EXACT if band == EXACT else gen, band, h) for band, h in keys]

    def _window(self) -> range:
        return range(max(0, generation(self.seq - self.window)), generation(self.seq) + 1)

    def prefetch(self, keys: Iterable[list[tuple[int, int]]]) -> None:
        """Read from the store, in one sorted pass, the rows the next articles (of band keys ``keys``) can meet:
        their keys in the stored generations within the window of the first of them (the others' windows start
        no earlier, and generations after the stored ones are in memory). One pass for a chunk instead of a
        lookup per article: the key searches land in order, each page read once, and the per-statement work is
        paid once (the searches per article grow with the generations in the window, 2 in a store of 1,000
        articles, 6 from 5,000 on)."""
        if self.lookup is None:
            return
        wanted = sorted({row for article_keys in keys for gen in self._window() for row in self._rows(article_keys, gen)})
        for row, article_id, entry in self.lookup(wanted):
            self._buckets.setdefault(row, []).append(article_id)
            self._stored[article_id] = entry

    def candidates(self, keys: list[tuple[int, int]]) -> dict[str, tuple[np.ndarray, str]]:
        """Indexed articles sharing a band with ``keys`` in the window (stored ones as far as prefetched)."""
        found = {}
        for row in sorted({row for gen in self._window() for row in self._rows(keys, gen)}):
            for article_id in self._buckets.get(row, ()):
                found[article_id] = self._entries.get(article_id) or self._stored[article_id]
        return found

    def add(self, article_id: str, sig: np.ndarray, root: str, keys: list[tuple[int, int]]) -> None:
        rows = self._rows(keys, generation(self.seq))
        self.seq += 1
        self._entries[article_id] = (sig, root)
        for row in rows:
            self._buckets.setdefault(row, []).append(article_id)
        self.added.append((article_id, rows))

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._entries


class Dedup(Step):
    """Sets ``duplicate_of`` (and ``minhash``). Feed articles in publication order, so the earliest copy is the
    original; the index remembers every article it saw, and a stored index every article ever stored."""

    name = "dedup"
    requires: ClassVar = ("text",)
    assigns: ClassVar = ("minhash", "duplicate_of")

    def __init__(self, settings: Settings, index: BandIndex | None = None) -> None:
        super().__init__()
        self.threshold = settings.thresholds.duplicate_jaccard
        self.index = index or BandIndex.for_settings(settings)

    def restore(self, articles: Iterable[Article]) -> None:
        """Index articles decided earlier (in-memory use: tests, benchmarks, rebuilding the stored index)."""
        for article in articles:
            if article.minhash is not None and article.id not in self.index:
                self.index.add(article.id, article.minhash, article.duplicate_of or article.id,
                               self.index.keys(article.minhash))

    def best_match(self, sig: np.ndarray, keys: list[tuple[int, int]]) -> tuple[str | None, str | None, float]:
        """The most similar indexed article, its root and their estimated Jaccard (the score; deciding is apart)."""
        best, root, best_score = None, None, 0.0
        for candidate, (other, other_root) in sorted(self.index.candidates(keys).items()):
            score = similarity(sig, other)
            if score > best_score:
                best, root, best_score = candidate, other_root, score
        return best, root, best_score

    def process(self, chunk: list[Article]) -> list[Article]:
        keys = {}
        for article in chunk:
            if article.id not in self.index:
                if article.minhash is None:
                    article.minhash = signature(article.text)
                keys[article.id] = self.index.keys(article.minhash)
        self.index.prefetch(keys.values())
        for article in chunk:
            if article.id in self.index:  # already indexed (re-run, or twice in the chunk): keep its decision
                continue
            match, root, score = self.best_match(article.minhash, keys[article.id])
            if match is not None and score >= self.threshold:
                article.duplicate_of = root
                self.stats["duplicates"] += 1
            self.index.add(article.id, article.minhash, article.duplicate_of or article.id, keys[article.id])
        return chunk
