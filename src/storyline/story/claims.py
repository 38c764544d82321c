"""The claims matrix: numeric claims aligned across the articles of a story, each with a status.

A claim is one figure about one thing. Mentions are clustered (average linkage) by meaning (what is counted,
the words of the figure's clause, the value); the status then compares the values each source gives:

- ``corroborated``: the same value from at least two independent sources;
- ``single_source``: one independent source;
- ``precision_only``: values that differ only in precision: a rounded or qualified figure whose admitted
  interval holds the other's value ("more than 160" and "164", "about 3,000" and "2,870"), never two figures an
  order of magnitude or a factor of two apart ("more than 230" and "about 2,300");
- ``conflicting``: incompatible values for the same thing on the same day.

A claim is one measured thing (``story.measured``: what is counted or the unit, the predicate, the place, the
time): figures join only with the same unit, from the same place when a measure names one ("six miles west of
Cobb"), never a whole count with a fraction ("two aftershocks" / "2.9"), and, when their sentences name a time,
the same one ("on Sunday" / "in September", also unresolved in an undated article), so figures about different
days are different claims (122 drones one night, 132 the next), never a conflict or a difference of precision.
Counts of one thing undergoing one action ("five people were injured" / "injuring two people") are drawn
together whatever else their clauses say, so that their values are compared rather than left in two rows.
An article may restate its figure, never give two of its figures to one claim. Which figures are claims at all
(no ages, clock times, single ones, ...) is settled in ``story.figures``.

Independent sources: a copy counts as its original, and so do articles that give figures in rewrites of one
another's sentences (a wire story reworded by each outlet that runs it).

Each claim carries ``why``: the figures compared (article, independent source, text, admitted interval, day,
what is counted, the measured-thing key) and the rule that decided its status.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..analyze.numbers.vocabulary import VAGUE
from ..model import Article, Claim, ClaimStatus, NumberClaim, origin
from ..settings import Thresholds
from ..text import dateline_at
from .figures import claim_figures
from .measured import (
    Key,
    is_count,
    is_fraction,
    predicate_agreement,
    same_time,
    stated_time,
    thing_of,
)
from .similarity import tokens

_WORD = re.compile(r"[\w$€£%.,-]+")
# Where a clause ends: the words beyond say something else ("…, a small town on the island, injured two").
_CLAUSE = re.compile(r"[;:()\"“”]|,\s|\s-{1,2}\s|\s[—–]\s")


@dataclass(slots=True)
class Mention:
    article: Article
    number: NumberClaim
    day: str | None  # the day the figure concerns: a date in its sentence, else the publication day
    explicit_day: bool
    role: str | None = None  # "part" and "whole" in "three of the nine berths": two different measures
    anchor: frozenset[str] = frozenset()  # the place a measure is taken from: "north of Santa Rosa"
    source: str | None = None  # the independent source its article counts as (see ``article_sources``)
    when: str | None = None  # the time its sentence gives it, at any granularity (``measured.stated_time``)
    converts: NumberClaim | None = None  # the figure it restates in another unit: "85 million euros ($108 million)"

    @property
    def key(self) -> Key:
        """The measured thing this figure is about (``story.measured``)."""
        return Key(thing_of(self.number), self.number.predicate, self.anchor, self.when)


# How far a bound reaches past its value: a writer who knows of 2,300 does not write "more than 230", nor "more
# than 90,000 litres" of 180,000; an open bound stands for a value short of half as much again.
BOUND_REACH = 1.5


# "Dozens", "hundreds": a plural of a round number names any count up to the next order of magnitude.
VAGUE_REACH = 10


def _vague(number: NumberClaim) -> bool:
    return any(VAGUE.get(word) == number.value for word in _WORD.findall(number.text.lower()))


def interval(number: NumberClaim) -> tuple[float, float]:
    """The values a figure stands for: "more than 160" is [160, 240], "about 3,000" is [2,700, 3,300], "up to
    168" is [112, 168] (an open bound reaches ``BOUND_REACH`` times its value, no further), "hundreds" is [100,
    1,000]."""
    value, q = number.value, number.qualifier
    if q == "range" or isinstance(value, (tuple, list)):
        low, high = value if isinstance(value, (tuple, list)) else (value, value)
        return float(low), float(high)
    v = float(value)
    if _vague(number):
        return v, v * VAGUE_REACH
    return {
        "exact": (v, v),
        "more_than": (v, v * BOUND_REACH),
        "over": (v, v * BOUND_REACH),
        "at_least": (v, v * BOUND_REACH),
        "about": (v * 0.9, v * 1.1),
        "nearly": (v * 0.9, v),
        "up_to": (v / BOUND_REACH, v),
        "fewer_than": (v / BOUND_REACH, v),
    }.get(q, (v, v))


def _stated(number: NumberClaim) -> tuple[float, ...]:
    """The values a figure names: one, or both ends of a range."""
    value = number.value
    return tuple(float(v) for v in value) if isinstance(value, (tuple, list)) else (float(value),)


def compatible(a: NumberClaim, b: NumberClaim) -> bool:
    """Two figures that differ only in precision: one's interval holds a value the other names ("more than 160"
    holds 164; "between 15 and 20" holds "about 20")."""
    (lo1, hi1), (lo2, hi2) = interval(a), interval(b)
    return any(lo1 <= v <= hi1 for v in _stated(b)) or any(lo2 <= v <= hi2 for v in _stated(a))


def same_value(a: NumberClaim, b: NumberClaim) -> bool:
    return interval(a) == interval(b)


# Two sources stating a figure in the same sentence, word for word or nearly ("The governor said that 2,000
# tents were ready" / "The governor told Iranian media that 2,000 tents were ready"), are one wire story
# rewritten, not two sources; short sentences (headlines, "Magnitude 4.6") are worded alike by chance.
REWRITE_OVERLAP = 0.75
REWRITE_MIN_WORDS = 8


def rewrites(a: str, b: str) -> bool:
    """Two sentences that share nearly all their words, both ways (one is not merely part of the other), and
    all their figures: a sentence that changes a figure reports anew ("killed 31" / "killed 27")."""
    ta, tb = tokens(a), tokens(b)
    longer = max(len(ta), len(tb))
    return (min(len(ta), len(tb)) >= REWRITE_MIN_WORDS and len(ta & tb) / longer >= REWRITE_OVERLAP
            and not any(ch.isdigit() for word in ta ^ tb for ch in word))


# Articles that share this many rewritten figure sentences are one wire story rewritten: one source.
REWRITE_SHARED = 2


def article_sources(mentions: list[Mention], by_id: dict[str, Article]) -> dict[str, str]:
    """Each article's independent source: its origin (outlet, or the original of a copy), with articles that
    give REWRITE_SHARED of their figures in rewrites of one another's sentences counted as one source."""
    sentences: dict[str, set[str]] = {}
    for m in mentions:
        sentences.setdefault(m.article.id, set()).add(m.number.sentence)
    label = {a: origin(by_id[a], by_id) for a in sentences}
    ids = list(sentences)
    for i, a in enumerate(ids):
        for b in ids[:i]:
            if label[a] != label[b] and sum(any(rewrites(x, y) for y in sentences[b])
                                            for x in sentences[a]) >= REWRITE_SHARED:
                old = label[a]
                label = {k: label[b] if v == old else v for k, v in label.items()}
    return label


def sources_of(mentions: list[Mention], by_id: dict[str, Article]) -> list[str]:
    """Each mention's independent source: its article's source (``article_sources``, set on the mention), with
    mentions whose sentences are rewrites of one another counted as the first one's source."""
    labels = [m.source or origin(m.article, by_id) for m in mentions]
    for i, a in enumerate(mentions):
        for j in range(i):
            b = mentions[j]
            if labels[i] != labels[j] and rewrites(a.number.sentence, b.number.sentence):
                old = labels[i]
                labels = [labels[j] if label == old else label for label in labels]
    return labels


def decide(mentions: list[Mention], by_id: dict[str, Article]) -> tuple[ClaimStatus, str]:
    """(status, the rule that decided it) for the figures of one claim."""
    sources = set(sources_of(mentions, by_id))
    numbers = [m.number for m in mentions]
    if all(same_value(numbers[0], n) for n in numbers[1:]):
        if len(sources) >= 2:
            return "corroborated", f"the same value from {len(sources)} independent sources"
        copies = " (copies and rewrites count once)" if len({m.article.id for m in mentions}) > 1 else ""
        return "single_source", "one independent source" + copies
    if all(compatible(a, b) for i, a in enumerate(numbers) for b in numbers[i + 1 :]):
        return "precision_only", "different values, each within the precision of another"
    return "conflicting", "values that exclude each other for the same thing and day"


def status_of(mentions: list[Mention], by_id: dict[str, Article]) -> ClaimStatus:
    return decide(mentions, by_id)[0]


def _context(number: NumberClaim, words: int = 8) -> str:
    """The words around the figure, figure excluded, within its clause: what the sentence says about it."""
    s = number.sentence
    i = s.find(number.text)
    if i < 0:
        return " ".join(_WORD.findall(s))
    before, after = _CLAUSE.split(s[:i])[-1], _CLAUSE.split(s[i + len(number.text):])[0]
    return " ".join(_WORD.findall(before)[-words:] + _WORD.findall(after)[:words])


def _reported(day: str | None, published: str | None) -> str | None:
    """A day the report could state a figure for: one after its own publication is a plan's ("would leave on
    Sunday after distributing 180,000 litres"), not the day of a figure reported as known."""
    return None if day and published and day[:1].isdigit() and day[:10] > published else day


# Where a measure is taken from: the name after "of"/"from" in the figure's phrase ("six miles west of Cobb",
# "seven miles from Anderson Springs"); measures from different places are different things.
_FROM_PLACE = re.compile(r"^[^,;:.()\"]{0,40}?\b(?:of|from)\s+((?:the\s+)?(?:[A-Z][\w'’-]*\s*)+)")


def anchor(number: NumberClaim) -> frozenset[str]:
    """The place a measure (a figure with a unit) is taken from, as its capitalised words; empty if none."""
    s = number.sentence
    i = s.find(number.text)
    found = _FROM_PLACE.match(s[i + len(number.text):]) if number.unit and i >= 0 else None
    return frozenset(found.group(1).split()) - {"the", "The"} if found else frozenset()


# What joins a part to its whole: "three of nine", "five of its nine", "three of the port's nine".
_PART_OF = re.compile(r"\s+of\s+(?:[\w'’]+\s+){0,2}")
# What opens a figure's restatement in another unit: "85 million euros ($108 million)", "12 miles (19 km)".
_CONVERTED = re.compile(r"\s*[(/]\s*(?:or\s+|about\s+|roughly\s+)?")


def mentions_of(members: list[Article]) -> list[Mention]:
    out = []
    for article in members:
        mentions = []
        published = article.published[:10] if article.published else None
        for number in claim_figures(article):
            when = _reported(stated_time(number, article.dates), published)
            explicit = when if when and len(when) == 10 and when[0].isdigit() else None  # a day, not a month
            mentions.append(Mention(article, number, explicit or published, explicit is not None,
                                    anchor=anchor(number), when=when))
        for first, then in itertools.pairwise(mentions):
            between = article.text[first.number.end:then.number.start]
            if _PART_OF.fullmatch(between):
                first.role, then.role = "part", "whole"
            elif first.number.unit and then.number.unit and _CONVERTED.fullmatch(between):
                then.converts = first.number
        out += mentions
    return out


Embed = Callable[[list[str]], np.ndarray]  # texts -> L2-normalised rows

# What the same value adds to the similarity of two mentions: outlets that give the same figure in similar
# words are most likely stating the same fact. Tuned on the tuning half of the ECB+ claims gold with the
# fictional gold (benchmarks/facts.py) watched: 0.4 joins one figure restated in different words.
SAME_VALUE_BONUS = 0.4
# Values that differ but admit a common value ("four", "three or four", "as many as four") are weaker evidence:
# tuned on the tuning half of the ECB+ claims gold (benchmarks/claims.py).
COMPATIBLE_BONUS = 0.15
# What the same predicate adds: two counts of things that undergo one action ("five people were injured" /
# "injuring two villagers") are one measured thing whatever else their clauses say, so their values can be
# compared (a conflict) rather than left in two rows. Tuned on the tuning half of the ECB+ claims gold.
SAME_PREDICATE_BONUS = 0.3


def claim_similarity(mentions: list[Mention], embed: Embed, agreement: np.ndarray | None = None) -> np.ndarray:
    """Pairwise similarity of mentions: what is counted, the words around the figure, the values, and (given
    ``agreement``, see ``measured.predicate_agreement``) whether they count one thing undergoing one action."""
    # a conversion is about what the figure it converts is about: its own clause is the parentheses
    contexts = [_context(m.converts or m.number) for m in mentions]
    whats = [m.number.what or c for m, c in zip(mentions, contexts)]
    # one encoder call over distinct texts: a figure without a "what" is described by its context twice,
    # and wire copies repeat whole sentences
    distinct = list(dict.fromkeys(whats + contexts))
    vectors = embed(distinct)
    row = {text: i for i, text in enumerate(distinct)}
    what_vectors = vectors[[row[t] for t in whats]]
    around_vectors = vectors[[row[t] for t in contexts]]
    similarity = 0.5 * (what_vectors @ what_vectors.T) + 0.5 * (around_vectors @ around_vectors.T)
    low, high = np.array([interval(m.number) for m in mentions], dtype=float).reshape(-1, 2).T
    same = (low[:, None] == low[None, :]) & (high[:, None] == high[None, :])
    overlap = (low[:, None] <= high[None, :]) & (low[None, :] <= high[:, None])
    bonus = np.where(same, SAME_VALUE_BONUS, np.where(overlap, COMPATIBLE_BONUS, 0.0))
    if agreement is not None:
        bonus = bonus + np.where(agreement, SAME_PREDICATE_BONUS, 0.0)
    np.fill_diagonal(bonus, 0.0)
    return similarity + bonus.astype(similarity.dtype)


def align(members: list[Article], embed: Embed, thresholds: Thresholds) -> list[Claim]:
    """Group the story's numeric mentions into claims and give each a status."""
    by_id = {a.id: a for a in members}
    mentions = mentions_of(members)
    if not mentions:
        return []
    sources = article_sources(mentions, by_id)
    for m in mentions:
        m.source = sources[m.article.id]
    agreement, apart = predicate_agreement([m.key for m in mentions], embed)
    similarity = claim_similarity(mentions, embed, agreement)

    groups = _cluster(mentions, similarity, thresholds.same_claim, apart)
    claims = []
    for group in groups:
        for part in _split_by_day([mentions[i] for i in group], by_id):
            claims.append(_claim(part, by_id))
    claims.sort(key=lambda c: (-len(c.article_ids), c.date or "", c.statement))
    return claims


def _cluster(mentions: list[Mention], similarity: np.ndarray, threshold: float,
             apart: np.ndarray) -> list[list[int]]:
    """Average-linkage clustering: repeatedly join the two claims whose mentions are most similar on average,
    while that average reaches ``threshold`` and every pair across them may be one measured thing (an
    article's two figures only when it restates one). Joining whole claims, not one mention at a time, keeps
    the result independent of article order. A specific figure an article states twice ("4.6", "$108
    million") is one figure from the start, however differently the two sentences put it. Pairs ``apart``
    (different nouns undergoing different actions, ``measured.predicate_agreement``) never join."""
    n = len(mentions)
    allowed = ~apart & np.array([[same_measure(a, b) and (a.article.id != b.article.id or restates(a, b))
                                  for b in mentions] for a in mentions])
    total = similarity.astype(float).copy()
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    root = list(range(n))

    def join(g: int, h: int) -> None:
        total[g] += total[h]
        total[:, g] += total[:, h]
        allowed[g] &= allowed[h]
        allowed[:, g] &= allowed[:, h]
        size[g] += size[h]
        members[g] += members[h]
        alive[h] = False
        for k in members[h]:
            root[k] = g

    for i, a in enumerate(mentions):
        for j in range(i):
            g, h = root[j], root[i]
            if (g != h and a.article.id == mentions[j].article.id and _specific(a.number)
                    and allowed[g, h] and restates(a, mentions[j])):
                join(g, h)
    while True:
        mean = total / np.outer(size, size)
        candidate = allowed & alive[:, None] & alive[None, :]
        np.fill_diagonal(candidate, False)
        mean = np.where(candidate, mean, -np.inf)
        g, h = np.unravel_index(int(np.argmax(mean)), mean.shape)
        if mean[g, h] < threshold:
            return [members[i] for i in range(n) if alive[i]]
        join(g, h)


def same_measure(a: Mention, b: Mention) -> bool:
    """Figures that may measure the same thing: one unit, both parts or both wholes or neither, both reported or
    both planned unless they agree ("five berths reopened" / "three berths will reopen" are two claims; "will
    lend $85 million" / "a $85 million loan" one), not a whole count of things and a
    fraction ("two aftershocks" / "2.9"), no two different times named in their sentences ("on Sunday" / "in
    September"), and no two different places or names right after them ("six miles west of Cobb" / "six miles
    from Anderson Springs")."""
    return (a.number.unit == b.number.unit and a.role == b.role
            and (a.number.planned == b.number.planned or same_value(a.number, b.number))
            and not (is_count(a.number) and is_fraction(b.number) or is_count(b.number) and is_fraction(a.number))
            and same_time(a.when, b.when)
            and not (a.anchor and b.anchor and not a.anchor & b.anchor))


# Small whole numbers recur in one article for different things ("two villages", "two people"); a restated
# figure of such a value must also count the same noun. A larger or fractional value ("4.6") said twice in one
# article is the same figure.
SMALL_COUNT = 10


def _specific(number: NumberClaim) -> bool:
    """Not a small whole count: a value unlikely to recur in one article for another thing."""
    low, high = interval(number)
    return not (low == high and low <= SMALL_COUNT and float(low).is_integer())


def restates(a: Mention, b: Mention) -> bool:
    """Two figures of one article that may be one figure said twice: the same value, and for a small count the
    same counted noun (when both name one)."""
    if not same_value(a.number, b.number):
        return False
    if _specific(a.number):
        return True
    heads = a.number.noun and a.number.noun.split()[-1], b.number.noun and b.number.noun.split()[-1]
    return None in heads or heads[0] == heads[1]


def _split_by_day(group: list[Mention], by_id: dict[str, Article]) -> list[list[Mention]]:
    """Incompatible figures about different days are different claims (a toll that rose), not a conflict. A
    figure whose day is unknown is about no other day: with one known day the figures stay one claim."""
    if status_of(group, by_id) != "conflicting":
        return [group]
    days: dict[str | None, list[Mention]] = {}
    for m in group:
        days.setdefault(m.day, []).append(m)
    if len(days.keys() - {None}) < 2:
        return [group]
    return list(days.values())


def _claim(group: list[Mention], by_id: dict[str, Article]) -> Claim:
    order = sorted(range(len(group)), key=lambda i: (group[i].article.published or "9999", group[i].article.source))
    sources = sources_of(group, by_id)
    ordered = [group[i] for i in order]
    days = {m.day for m in group if m.explicit_day} or {m.day for m in group}
    status, rule = decide(group, by_id)
    values: dict[str, str] = {}
    for m in ordered:
        values.setdefault(m.article.id, m.number.text)  # an article restating its figure shows it once
    return Claim(
        statement=ordered[0].number.sentence,
        status=status,
        values=values,
        article_ids=list(values),
        date=days.pop() if len(days) == 1 else None,
        what=next((label for m in ordered if (label := _label(m.number))), None),
        why={"rule": rule, "figures": [_explained(group[i], sources[i]) for i in order]},
    )


def _label(number: NumberClaim) -> str | None:
    """What a claim is about, for its row: the figure's ``what`` without words of a leading dateline (the
    number finder may take "MARHAVEN" of "MARHAVEN, Nov 26 (VT) – ... rose to 19" for the subject), else the
    words before the figure in its clause after the dateline."""
    dateline = dateline_at(number.sentence)
    if not dateline:
        return number.what
    place = {w.strip(",.") for w in _WORD.findall(number.sentence[:dateline.end])}
    what = " ".join(w for w in (number.what or "").split() if w.strip(",.") not in place)
    if what:
        return what
    i = number.sentence.find(number.text, dateline.end)
    before = _CLAUSE.split(number.sentence[dateline.end:i])[-1] if i >= 0 else ""
    return " ".join(_WORD.findall(before)[-10:]) or None


def _explained(m: Mention, source: str) -> dict:
    low, high = interval(m.number)
    return {"article": m.article.id, "source": source, "text": m.number.text,
            "admits": [low, high], "day": m.day, "day_stated": m.explicit_day,
            "what": m.number.what, "role": m.role, "start": m.number.start, "end": m.number.end,
            "key": m.key.explained()}
