"""What happens to the things a figure counts: the verb they undergo, read from the dependency parse.

The claims matrix compares figures that measure the same thing (subject, predicate, unit, day). For a count of
things that undergo an action ("five people were injured", "injuring two villagers", "killed at least seven
people", "dozens were evacuated") the verb is part of what is measured: the injured and the killed are two
tolls. For a count of those who act ("four robbers stormed the store", "more than 50 firefighters tackled the
blaze") the verb is what happened, worded differently by each outlet, and no part of the measured thing; so is
the verb of a measure ("a 5.6 quake jolted the island"). Only the first kind is recorded.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..model import NumberClaim

# Links from a figure to the noun it counts: "five people", "a dozen rescue boats".
_COUNTED = {"nummod", "quantmod", "compound"}
# The roles of a phrase that undergoes its verb: direct object, passive subject.
_PATIENT = {"dobj", "nsubjpass"}
# Verbs that name no action but possession, inclusion or a total ("has 24 beds", "included 40 children"): what
# is counted there belongs to the verb's subject, which this key does not hold, so they say nothing.
LIGHT_VERBS = {"have", "include", "contain", "get", "make", "take", "give", "total", "number", "see", "show"}


def predicate_of(doc: Any, number: NumberClaim) -> str | None:
    """The lemma of the verb whose object or passive subject the count (or its counted noun) is, else None; a
    measure (a figure with a unit) has none."""
    if number.unit is not None:
        return None
    span = doc.char_span(number.start, number.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    if token.dep_ in _COUNTED and token.head.i != token.i and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        token = token.head  # "five people were injured": the counted noun's role is the count's
    if token.dep_ not in _PATIENT or token.head.pos_ != "VERB":
        return None
    lemma = (token.head.lemma_ or token.head.text).lower()
    return None if lemma in LIGHT_VERBS else lemma


def with_predicates(doc: Any, numbers: list[NumberClaim]) -> list[NumberClaim]:
    """``numbers`` (found in ``doc``) with their ``predicate`` set."""
    return [dataclasses.replace(n, predicate=predicate_of(doc, n)) for n in numbers]
