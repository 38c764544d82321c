"""What happens to the things a figure counts: the verb they undergo, and whether it happened, read from the parse.

The claims matrix compares figures that measure the same thing (subject, predicate, unit, day). For a count of
things that undergo an action ("five people were injured", "injuring two villagers", "killed at least seven
people", "dozens were evacuated") the verb is part of what is measured: the injured and the killed are two
tolls. For a count of those who act ("four robbers stormed the store", "more than 50 firefighters tackled the
blaze") the verb is what happened, worded differently by each outlet, and no part of the measured thing; so is
the verb of a measure ("a 5.6 quake jolted the island"). Only the first kind is recorded.

Whether it happened is the verb's modality: a figure in a clause that plans, promises or allows ("three berths
will reopen", "could reopen", "plans to send two ships") is not the figure reported once it happened ("five
berths reopened"), and the two are different claims.
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
LIGHT_VERBS = {"have", "include", "contain", "get", "make", "take", "give", "total", "number", "see", "show",
               # verbs of reporting: how a figure became known ("listed 27 deaths", "confirmed 27 people"), which
               # each outlet words differently, not what happened to the things counted
               "confirm", "list", "report", "record", "count", "register", "say", "estimate", "put",
               # nor do verbs of causing, whose object is a result ("caused 4,710 casualties")
               "cause", "result"}
# Modal auxiliaries that make a clause a plan, a promise or a possibility rather than a report.
_MODALS = {"will", "would", "shall", "could", "may", "might", "can", "should"}
# Verbs whose infinitive complement has not happened yet: "plans to reopen", "is expected to reach".
_INTENT = {"plan", "expect", "aim", "intend", "hope", "promise", "pledge", "want", "seek", "propose", "schedule"}


def _span_root(doc: Any, number: NumberClaim) -> Any | None:
    span = doc.char_span(number.start, number.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def predicate_of(doc: Any, number: NumberClaim) -> str | None:
    """The lemma of the verb whose object or passive subject the count (or its counted noun) is, else None; a
    measure (a figure with a unit) has none."""
    if number.unit is not None:
        return None
    token = _span_root(doc, number)
    if token is None:
        return None
    if token.dep_ in _COUNTED and token.head.i != token.i and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        token = token.head  # "five people were injured": the counted noun's role is the count's
    if token.dep_ not in _PATIENT or token.head.pos_ != "VERB":
        return None
    lemma = (token.head.lemma_ or token.head.text).lower()
    return None if lemma in LIGHT_VERBS else lemma


# The roles of a phrase whose figure is what a verb's plan is about: its object, passive subject or complement
# ("will reopen three berths", "could reach 20 million euros"). Not its active subject: "two vessels would
# leave on Sunday" plans the leaving of vessels already counted.
_PLANNED = {"dobj", "nsubjpass", "attr", "oprd", "npadvmod", "dative"}


def _verb_of(token: Any) -> Any | None:
    """The verb the figure's phrase (its counted noun's, or a prepositional phrase's: "within 36 hours") is an
    object, passive subject or complement of; None for a figure further down ("one of its four gates")."""
    if token.dep_ in _COUNTED and token.head.i != token.i and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head
    elif token.dep_ not in _PLANNED | {"prep"}:  # a figure read with its preposition: "within 36 hours"
        return None
    return token.head if token.head.pos_ in ("VERB", "AUX") else None


def is_planned(doc: Any, number: NumberClaim) -> bool:
    """Whether the figure's clause plans, promises or allows rather than reports: its verb takes a modal
    auxiliary ("will reopen", "could reach"), or is the infinitive of a verb of intent ("plans to send")."""
    token = _span_root(doc, number)
    verb = _verb_of(token) if token is not None else None
    if verb is None:
        return False
    if any(child.dep_ == "aux" and child.lower_ in _MODALS for child in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_ or "").lower() in _INTENT


def with_predicates(doc: Any, numbers: list[NumberClaim]) -> list[NumberClaim]:
    """``numbers`` (found in ``doc``) with their ``predicate`` and ``planned`` set."""
    return [dataclasses.replace(n, predicate=predicate_of(doc, n), planned=is_planned(doc, n)) for n in numbers]
