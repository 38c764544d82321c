"""Near-duplicates and syndicated wire copies, by MinHash LSH over word shingles.

A copy points at its original with ``duplicate_of`` (always the root, never a chain), so that
corroboration can count a wire story once however many outlets ran it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

from .article import Article
from .settings import Settings

NUM_PERM = 128
SCHEME = "affine32"  # datasketch ≥ 2 scheme; stored signatures are uint32 and must be read back with it
SHINGLE = 5
_WORD = re.compile(r"\w+")


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


class Dedup:
    """Pipeline step; keeps an LSH index of every article seen, restored from the store between runs."""

    name = "dedup"

    def __init__(self, settings: Settings) -> None:
        self.threshold = settings.thresholds.duplicate_jaccard
        # LSH only proposes candidates; a lower bar than the decision keeps borderline copies from being missed.
        self.lsh = MinHashLSH(threshold=self.threshold * 0.6, num_perm=NUM_PERM)
        self.signatures: dict[str, np.ndarray] = {}
        self.roots: dict[str, str] = {}

    def _index(self, article: Article) -> None:
        self.signatures[article.id] = article.minhash
        self.roots[article.id] = article.duplicate_of or article.id
        self.lsh.insert(article.id, MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=article.minhash))

    def restore(self, articles: Iterable[Article]) -> None:
        for article in articles:
            if article.minhash is not None and article.id not in self.signatures:
                self._index(article)

    def best_match(self, sig: np.ndarray) -> tuple[str | None, float]:
        """The most similar indexed article and its estimated Jaccard (the score; deciding is separate)."""
        best, best_score = None, 0.0
        for candidate in self.lsh.query(MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=sig)):
            score = similarity(sig, self.signatures[candidate])
            if score > best_score or (score == best_score and best is not None and candidate < best):
                best, best_score = candidate, score
        return best, best_score

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Call with articles in publication order so that the earliest copy becomes the original."""
        for article in articles:
            if article.id in self.signatures:  # already indexed (re-run): keep its decision
                yield article
                continue
            if article.minhash is None:
                article.minhash = signature(article.text)
            match, score = self.best_match(article.minhash)
            if match is not None and score >= self.threshold:
                article.duplicate_of = self.roots[match]
            self._index(article)
            yield article
