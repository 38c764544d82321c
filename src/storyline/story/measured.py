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


def stated_time(number: NumberClaim, dates: Sequence[DateMention]) -> str | None:
    """The time the figure's sentence gives it, nearest to the figure: a resolved date at any granularity, or
    the weekday or month an unresolved expression names; None when the sentence names none."""
    near = [d for d in dates if d.sentence == number.sentence and (d.date or _CALENDAR.search(d.text))]
    if not near:
        return None
    d = min(near, key=lambda d: max(d.start - number.end, number.start - d.end, 0))
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


# Two predicates name one action from this similarity of their lemmas up ("injure" / "hurt" 0.62 with MiniLM),
# and different actions below DIFFERENT_PREDICATE ("injure" / "kill" 0.32); between the two ("move" /
# "evacuate" 0.46, "hurt" / "kill" 0.45) the predicates say nothing. Tuned on the tuning half of the ECB+ claims
# gold.
SAME_PREDICATE = 0.5
DIFFERENT_PREDICATE = 0.4


def predicate_agreement(keys: Sequence[Key], embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """Pairwise: +1 where both keys name predicates of one action, -1 where both name different actions, 0 where
    either names none or the two may or may not be one action."""
    lemmas = [k.predicate for k in keys]
    distinct = list(dict.fromkeys(p for p in lemmas if p))
    n = len(keys)
    out = np.zeros((n, n))
    if not distinct:
        return out
    vectors = embed(distinct)
    row = {p: i for i, p in enumerate(distinct)}
    have = [i for i, p in enumerate(lemmas) if p]
    v = vectors[[row[lemmas[i]] for i in have]]
    similar = v @ v.T
    out[np.ix_(have, have)] = np.where(similar >= SAME_PREDICATE, 1.0, np.where(similar < DIFFERENT_PREDICATE, -1.0, 0.0))
    for i in have:  # one lemma is one action, whatever the encoder says of it
        for j in have:
            if lemmas[i] == lemmas[j]:
                out[i, j] = 1.0
    return out
