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

# Links inside the figure's noun phrase, climbed to reach the phrase's head: "five people", "two of the
# villagers", "dozens of residents", "a total of 40".
_PHRASE = {"nummod", "quantmod", "compound", "amod", "nmod", "appos", "pobj", "prep", "conj", "cc"}
# The roles of a phrase that undergoes its verb: direct object, passive subject.
_PATIENT = {"dobj", "nsubjpass"}
MAX_HOPS = 4


def predicate_of(doc: Any, number: NumberClaim) -> str | None:
    """The lemma of the verb whose object or passive subject the figure's phrase is, else None."""
    span = doc.char_span(number.start, number.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(MAX_HOPS):
        if token.dep_ in _PATIENT and token.head.pos_ == "VERB":
            return (token.head.lemma_ or token.head.text).lower()
        if token.dep_ not in _PHRASE or token.head.i == token.i or token.head.pos_ == "VERB":
            return None
        if token.dep_ == "prep" and token.lower_ != "of":
            return None  # "with 10 fire engines": the phrase hangs on a preposition, not on the verb's object
        token = token.head
    return None


def with_predicates(doc: Any, numbers: list[NumberClaim]) -> list[NumberClaim]:
    """``numbers`` (found in ``doc``) with their ``predicate`` set."""
    return [dataclasses.replace(n, predicate=predicate_of(doc, n)) for n in numbers]
