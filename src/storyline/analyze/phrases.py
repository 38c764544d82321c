"""Grouping keys without a model, for ``stages = "group"``: the capitalised phrases of the headline and lead.

A run of capitalised words ("Harbour Authority of Velmar" gives "harbour authority", "velmar") stands in for a
named entity. Two general filters remove most of what is capitalised only by position: a single word that is
an English stop word ("The", "But"), and a single word the same article also writes in lower case ("Police
said …" beside "the police"). What is left is noisier than spaCy's NER, but the clusterer weighs entities by
their rarity, so a common leftover counts for little. About a tenth of a millisecond per article.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..engine import Step
from ..model import Article
from .entities import MAX_CHARS, normalise

_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*")
_LOWER = re.compile(r"\b[a-z][\w'’-]*")


def capitalised_phrases(text: str) -> list[str]:
    """Normalised keys of the capitalised phrases of ``text``, sorted and distinct."""
    lower = {w.casefold() for w in _LOWER.findall(text)}
    keys = set()
    for run in _RUN.findall(text):
        key = normalise(run)
        if not key or (" " not in key and (key in ENGLISH_STOP_WORDS or key in lower or len(key) < 3)):
            continue
        keys.add(key)
    return sorted(keys)


class CapitalisedPhrases(Step):
    """Sets ``entity_keys`` from the capitalised phrases of the headline and the lead (spaCy's NER reads the
    same ``MAX_CHARS``); no facts."""

    name = "analyze"
    parallel = True
    requires: ClassVar = ("text", "title")
    assigns: ClassVar = ("entity_keys",)

    def process(self, chunk: list[Article]) -> list[Article]:
        for article in chunk:
            article.entity_keys = capitalised_phrases(f"{article.title or ''}\n{article.text[:MAX_CHARS]}")
        return chunk
