"""Token-shingle precision/recall, as defined by the public article-extraction-benchmark.

Reimplemented from the benchmark's description: tokens are ``\\w+`` matches, texts become multisets of
word 4-grams, and each page gets precision and recall from the overlap of those multisets. Scores are
averaged over pages and F1 is computed from the mean precision and the mean recall.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    # a text shorter than n tokens still counts as one (short) shingle, as in the public benchmark
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_scores(expected: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one predicted text against the expected text."""
    want, got = shingles(expected), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def mean_score(pairs: Iterable[tuple[float, float]]) -> Score:
    pairs = list(pairs)
    if not pairs:
        return Score(0.0, 0.0, 0)
    return Score(sum(p for p, _ in pairs) / len(pairs), sum(r for _, r in pairs) / len(pairs), len(pairs))
