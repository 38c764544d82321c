"""The measured thing a figure is about, as a key: what is counted or its unit, the predicate, the place, the time.

A claim is one measured thing: the same subject, predicate, unit and date (issue 6). Clause embeddings cannot
say that — two clauses about one toll are no more alike than clauses about two different figures of one story —
so the claims matrix reads the key from the parse and the time expressions instead:

- ``thing``: the unit of a measure ("miles", "USD"), else the head of the counted noun ("people", "engine");
- ``predicate``: for a count of things that undergo an action, the verb ("injure", "kill", "evacuate";
  ``NumberClaim.predicate``), so that the injured and the killed are two tolls;
- ``place``: the place a measure is taken from ("six miles west of Cobb");
- ``when``: the time the figure's sentence gives it: a date at its granularity ("2013-03-14", "2012-06"), or
  for an undated article the weekday or month it names ("sunday", "september").

Predicates are compared by meaning (synonyms such as "injure" / "hurt" agree, "injure" / "kill" do not).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import DateMention, NumberClaim

_WORD = re.compile(r"[a-z][a-z'-]*")
# Words that name a day or a month: what an unresolved time expression of an undated article still says.
_CALENDAR = re.compile(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march"
                       r"|april|may|june|july|august|september|october|november|december)\b")


@dataclass(frozen=True, slots=True)
class Key:
    thing: str | None
    predicate: str | None
    place: frozenset[str]
    when: str | None

    def explained(self) -> dict:
        return {"thing": self.thing, "predicate": self.predicate, "place": sorted(self.place), "when": self.when}


def thing_of(number: NumberClaim) -> str | None:
    """What a figure measures: its unit, else the head (last word) of its counted noun."""
    if number.unit:
        return number.unit
    words = _WORD.findall((number.noun or "").lower())
    return words[-1] if words else None


# Marks that end a clause: a date beyond them dates something else ("MARHAVEN, Nov 27 (CPA) – Talvik launched
# 132 drones on Tuesday night": the dateline is the report's day, Tuesday the figure's).
_CLAUSE_END = re.compile(r"[;:()\"“”]|\s[—–-]{1,2}\s|,\s")


def stated_time(number: NumberClaim, dates: Sequence[DateMention]) -> str | None:
    """The time the figure's sentence gives it: a resolved date at any granularity, or the weekday or month an
    unresolved expression names; of several, the nearest in the figure's own clause, else the nearest; None
    when the sentence names none."""
    near = [d for d in dates if d.sentence == number.sentence and (d.date or _CALENDAR.search(d.text))]
    if not near:
        return None
    offset = number.start - max(number.sentence.find(number.text), 0)  # where the sentence starts in the text

    def between(d: DateMention) -> str:
        lo, hi = sorted((d.end, number.start)) if d.end <= number.start else (number.end, d.start)
        return number.sentence[max(lo - offset, 0):max(hi - offset, 0)]

    distance = lambda d: max(d.start - number.end, number.start - d.end, 0)
    d = min(near, key=lambda d: (bool(_CLAUSE_END.search(between(d))), distance(d)))
    return d.date or _CALENDAR.search(d.text).group(1).lower()


def same_time(a: str | None, b: str | None) -> bool:
    """Whether two stated times may be one: either unknown, one holding the other ("2013-03" and
    "2013-03-14"), or one resolved and one a bare weekday or month name (which cannot be compared)."""
    if a is None or b is None or a[0].isdigit() != b[0].isdigit():
        return True
    return a.startswith(b) or b.startswith(a)


def is_count(number: NumberClaim) -> bool:
    """A whole count of things ("two aftershocks"), which a fractional value ("2.9") never measures."""
    values = number.value if isinstance(number.value, (tuple, list)) else (number.value,)
    return number.unit is None and number.noun is not None and all(float(v).is_integer() for v in values)


def is_fraction(number: NumberClaim) -> bool:
    values = number.value if isinstance(number.value, (tuple, list)) else (number.value,)
    return not all(float(v).is_integer() for v in values)


# Two predicates of one counted thing name one action from this similarity of their lemmas up ("injure" / "hurt"
# 0.62 with MiniLM; "injure" / "kill" 0.32, "fire" / "launch" 0.34). Short phrases ("soldier lose" / "soldier
# receive" 0.69, "drone fire" / "drone launch" 0.66) and lower lemma similarities do not tell one action from
# two, so a difference of predicates is no evidence either way. Tuned on the tuning half of the ECB+ claims gold
# with the fictional gold (benchmarks/facts.py) watched.
SAME_ACTION = 0.5
# Below this similarity two predicates are different actions ("pull" / "damage" 0.32, "kill" / "injure" 0.32);
# between the two thresholds lie near-synonyms MiniLM scores low ("evacuate" / "move" 0.46), which must not
# keep "sixty residents moved" from "dozens of people evacuated". Tuned on the tuning half of the ECB+ claims
# gold.
DIFFERENT_ACTION = 0.4


def _action_similarity(keys: Sequence[Key], embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """Pairwise similarity of the keys' predicates; NaN where either has none."""
    lemmas = [k.predicate for k in keys]
    n = len(keys)
    out = np.full((n, n), np.nan)
    distinct = list(dict.fromkeys(p for p in lemmas if p))
    if not distinct:
        return out
    vectors = embed(distinct)
    row = {p: i for i, p in enumerate(distinct)}
    have = [i for i, p in enumerate(lemmas) if p]
    v = vectors[[row[lemmas[i]] for i in have]]
    out[np.ix_(have, have)] = v @ v.T
    return out


def predicate_agreement(keys: Sequence[Key], embed: Callable[[list[str]], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise (agree, apart). ``agree``: both keys count the same thing (one noun, or no noun named)
    undergoing one action ("five people were injured" / "two people were hurt" / "injured 40"). ``apart``: they
    name different counted nouns undergoing different actions ("230 people pulled from cars" / "2,300 homes
    damaged"), which are never one measured thing."""
    action = _action_similarity(keys, embed)
    known = ~np.isnan(action)
    alike = known & (np.nan_to_num(action, nan=0.0) >= SAME_ACTION - 1e-6)
    things = np.array([k.thing for k in keys], dtype=object)
    unnamed = np.array([k.thing is None for k in keys])
    same = things[:, None] == things[None, :]
    # one noun, or a count that names none ("injured 40"): what it counts is what its verb acts on
    agree = alike & (same | unnamed[:, None] | unnamed[None, :])
    unlike = known & (np.nan_to_num(action, nan=1.0) < DIFFERENT_ACTION)
    apart = unlike & ~same & ~unnamed[:, None] & ~unnamed[None, :]
    return agree, apart
