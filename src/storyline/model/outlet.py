"""Outlet identity, defined once: what makes two articles one source or two.

``outlet_key`` is the comparison key of an outlet name ("The Northwire" and "northwire" are one outlet);
``origin`` is the independent source an article stands for: the outlet of its original, so wire copies and two
pieces by one outlet count once.
"""

from __future__ import annotations

import re

from .article import Article

_LEADING_THE = re.compile(r"^the\s+")


def outlet_key(name: str) -> str:
    return _LEADING_THE.sub("", " ".join(name.casefold().split()))


def origin(article: Article, by_id: dict[str, Article]) -> str:
    """The independent source ``article`` counts as: its original's outlet key, or the original's id."""
    root = by_id.get(article.duplicate_of or "", article)
    return outlet_key(root.outlet) if root.outlet else root.id
