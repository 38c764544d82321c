"""Named entities per article (spaCy NER), normalised so the same name written two ways mostly matches.

Normalisation is deliberately light for now (case, a leading "the", possessives, spacing, and a short person
name resolved to the full name used earlier in the same article). Cross-article canonicalisation (Zelenskiy =
Zelensky) belongs in :func:`canonical` when it comes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


# Entity types that tell stories apart; dates, numbers and money are left to other signals.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"})
MAX_CHARS = 5000  # the lead of a news article names its actors; NER on the whole text costs time for little

_POSSESSIVE = re.compile(r"\s*['’]s?$")
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Surface form -> comparison key: casefolded, no leading "the", no possessive, single spaces."""
    key = _SPACES.sub(" ", name).strip().casefold().replace("’", "'")  # a typographic apostrophe is the same name
    if key.startswith("the "):
        key = key[4:]
    key = _POSSESSIVE.sub("", key)
    return _EDGE_JUNK.sub("", key)


def canonical(key: str) -> str:
    """Cross-article canonical form of a normalised name. Identity for now; spelling variants go here."""
    return key


def entity_keys(ents: Iterable[tuple[str, str]]) -> list[str]:
    """Distinct normalised names of one article, in order of first mention, from ``(text, label)`` pairs.

    A person mentioned by one name ("Lohan") after the full name ("Lindsay Lohan") is the same person.
    """
    out: list[str] = []
    full_names: dict[str, str] = {}  # single token -> full person name it ends or starts
    for text, label in ents:
        if label not in KEPT_LABELS:
            continue
        key = normalise(text)
        if len(key) < 2:
            continue
        parts = key.split()
        if label == "PERSON" and len(parts) > 1:
            full_names.setdefault(parts[-1], key)
            full_names.setdefault(parts[0], key)
        elif len(parts) == 1:  # the small model often tags a lone surname ORG or GPE
            key = full_names.get(key, key)
        key = canonical(key)
        if key not in out:
            out.append(key)
    return out
