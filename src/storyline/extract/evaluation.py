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


def rouge_lsum(expected: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of summary-level ROUGE-L ("rougeLsum"), as in Google's rouge-score package.

    Each non-empty line is a sentence of lowercased ``\\w+`` tokens (no stemming). For every expected line,
    the tokens of its longest common subsequences with each predicted line are united; a united token counts
    as a hit while both texts still have an unused copy of it. Precision is hits over predicted tokens,
    recall hits over expected tokens.
    """
    want = _lines(expected)
    got = _lines(predicted)
    m, n = sum(map(len, want)), sum(map(len, got))
    if not m or not n:
        return 0.0, 0.0
    left_want, left_got = Counter(t for s in want for t in s), Counter(t for s in got for t in s)
    got_sets = [set(s) for s in got]
    hits = 0
    for ref in want:
        ref_set = set(ref)
        union: set[int] = set()
        for can, can_set in zip(got, got_sets):
            if not ref_set.isdisjoint(can_set):
                union.update(_lcs_positions(ref, can, ref_set & can_set))
        for i in sorted(union):
            token = ref[i]
            if left_want[token] and left_got[token]:
                hits += 1
                left_want[token] -= 1
                left_got[token] -= 1
    return hits / n, hits / m


def _lines(text: str) -> list[list[str]]:
    lines = (_TOKEN.findall(line.lower()) for line in (text or "").split("\n"))
    return [tokens for tokens in lines if tokens]


def _lcs_positions(ref: list[str], can: list[str], shared: set[str]) -> list[int]:
    """Positions in ``ref`` of one longest common subsequence with ``can``.

    Tokens the other side lacks can never be part of it, so both sides are first reduced to ``shared``
    tokens: the same subsequences, over far smaller tables for unrelated lines.
    """
    at = [i for i, t in enumerate(ref) if t in shared]
    a = [ref[i] for i in at]
    b = [t for t in can if t in shared]
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a, 1):
        row, above = table[i], table[i - 1]
        for j, y in enumerate(b, 1):
            row[j] = above[j - 1] + 1 if x == y else max(above[j], row[j - 1])
    positions = []
    i, j = len(a), len(b)
    while i and j:
        if a[i - 1] == b[j - 1]:
            positions.append(at[i - 1])
            i, j = i - 1, j - 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return positions


def mean_page_f1(pairs: Iterable[tuple[float, float]]) -> float:
    """F1 of each page's (precision, recall), averaged over pages: how ROUGE scores are aggregated."""
    f1s = [Score(p, r, 1).f1 for p, r in pairs]
    return sum(f1s) / len(f1s) if f1s else 0.0
