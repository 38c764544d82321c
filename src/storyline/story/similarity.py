"""Cheap text similarity for aligning short spans (quotes, event sentences) across articles."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.casefold()))


def overlap(a: str, b: str) -> float:
    """Overlap coefficient of word sets: 1.0 when one text is contained in the other (a trimmed quote)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))
