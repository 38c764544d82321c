"""The claims matrix: numeric claims aligned across the articles of a story, each with a status.

A claim is one figure about one thing. Mentions in different articles are matched by meaning (what is
counted, the words around the figure, the unit); the status then compares the values each source gives:

- ``corroborated``: the same value from at least two independent sources (wire copies count once);
- ``single_source``: one independent source;
- ``precision_only``: values that differ only in precision ("more than 160" and "164");
- ``conflicting``: incompatible values for the same thing on the same day.

Incompatible values that concern different days (122 drones one night, 132 the next) are separate claims.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model import Article, Claim, ClaimStatus, NumberClaim, origin
from ..settings import Thresholds

INF = math.inf
_WORD = re.compile(r"[\w$€£%.,-]+")


@dataclass(slots=True)
class Mention:
    article: Article
    number: NumberClaim
    day: str | None  # the day the figure concerns: a date in its sentence, else the publication day
    explicit_day: bool


def interval(number: NumberClaim) -> tuple[float, float]:
    """The values a figure admits: "more than 160" is (160, ∞), "about 3,000" is [2,700, 3,300]."""
    value, q = number.value, number.qualifier
    if q == "range" or isinstance(value, (tuple, list)):
        low, high = value if isinstance(value, (tuple, list)) else (value, value)
        return float(low), float(high)
    v = float(value)
    return {
        "exact": (v, v),
        "more_than": (v, INF),
        "over": (v, INF),
        "at_least": (v, INF),
        "about": (v * 0.9, v * 1.1),
        "nearly": (v * 0.9, v),
        "up_to": (0.0, v),
        "fewer_than": (0.0, v),
    }.get(q, (v, v))


def compatible(a: NumberClaim, b: NumberClaim) -> bool:
    (lo1, hi1), (lo2, hi2) = interval(a), interval(b)
    return lo1 <= hi2 and lo2 <= hi1


def same_value(a: NumberClaim, b: NumberClaim) -> bool:
    return interval(a) == interval(b)


def status_of(mentions: list[Mention], by_id: dict[str, Article]) -> ClaimStatus:
    sources = {origin(m.article, by_id) for m in mentions}
    numbers = [m.number for m in mentions]
    if all(same_value(numbers[0], n) for n in numbers[1:]):
        return "corroborated" if len(sources) >= 2 else "single_source"
    if all(compatible(a, b) for i, a in enumerate(numbers) for b in numbers[i + 1 :]):
        return "precision_only"
    return "conflicting"


def _context(number: NumberClaim, words: int = 8) -> str:
    """The words around the figure, figure excluded: what the sentence says about it."""
    s = number.sentence
    i = s.find(number.text)
    before = _WORD.findall(s[:i])[-words:] if i >= 0 else []
    after = _WORD.findall(s[i + len(number.text) :])[:words] if i >= 0 else _WORD.findall(s)
    return " ".join(before + after)


def mentions_of(members: list[Article]) -> list[Mention]:
    out = []
    for article in members:
        dated = {d.sentence: d.day for d in article.dates if d.day}
        for number in article.numbers:
            explicit = dated.get(number.sentence)
            day = explicit or (article.published[:10] if article.published else None)
            out.append(Mention(article, number, day, explicit is not None))
    return out


Embed = Callable[[list[str]], np.ndarray]  # texts -> L2-normalised rows

# What the same value adds to the similarity of two mentions: outlets that give the same figure in similar
# words are most likely stating the same fact. Tuned with Thresholds.same_claim on the even-numbered gold
# stories (benchmarks/facts.py); a bonus for merely compatible values did not help there.
SAME_VALUE_BONUS = 0.3


def claim_similarity(mentions: list[Mention], embed: Embed) -> np.ndarray:
    """Pairwise similarity of mentions: what is counted, the words around the figure, and the values."""
    contexts = [_context(m.number) for m in mentions]
    whats = embed([m.number.what or c for m, c in zip(mentions, contexts)])
    around = embed(contexts)
    similarity = 0.5 * (whats @ whats.T) + 0.5 * (around @ around.T)
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            if same_value(a.number, mentions[j].number):
                similarity[i, j] += SAME_VALUE_BONUS
                similarity[j, i] += SAME_VALUE_BONUS
    return similarity


def align(members: list[Article], embed: Embed, thresholds: Thresholds) -> list[Claim]:
    """Group the story's numeric mentions into claims and give each a status."""
    by_id = {a.id: a for a in members}
    mentions = mentions_of(members)
    if not mentions:
        return []
    similarity = claim_similarity(mentions, embed)

    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        best, best_score = None, thresholds.same_claim
        for g, group in enumerate(groups):
            if any(mentions[j].article.id == mention.article.id for j in group):
                continue  # one figure per article per claim
            if any(mentions[j].number.unit != mention.number.unit for j in group):
                continue
            score = float(np.mean([similarity[i, j] for j in group]))
            if score >= best_score:
                best, best_score = g, score
        if best is None:
            groups.append([i])
        else:
            groups[best].append(i)

    claims = []
    for group in groups:
        for part in _split_by_day([mentions[i] for i in group], by_id):
            claims.append(_claim(part, by_id))
    claims.sort(key=lambda c: (-len(c.article_ids), c.date or "", c.statement))
    return claims


def _split_by_day(group: list[Mention], by_id: dict[str, Article]) -> list[list[Mention]]:
    """Incompatible figures about different days are different claims (a toll that rose), not a conflict."""
    if status_of(group, by_id) != "conflicting":
        return [group]
    days: dict[str | None, list[Mention]] = {}
    for m in group:
        days.setdefault(m.day, []).append(m)
    if len(days) == 1:
        return [group]
    return list(days.values())


def _claim(group: list[Mention], by_id: dict[str, Article]) -> Claim:
    ordered = sorted(group, key=lambda m: (m.article.published or "9999", m.article.source))
    days = {m.day for m in group if m.explicit_day} or {m.day for m in group}
    return Claim(
        statement=ordered[0].number.sentence,
        status=status_of(group, by_id),
        values={m.article.id: m.number.text for m in ordered},
        article_ids=[m.article.id for m in ordered],
        date=days.pop() if len(days) == 1 else None,
        what=ordered[0].number.what,
    )
