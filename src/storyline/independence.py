"""Independence of sources: what makes two articles count as two sources rather than one."""

from __future__ import annotations

import re

from .article import Article


def origin(article: Article, by_id: dict[str, Article]) -> str:
    """The outlet of the article's original: wire copies count once, and so do two pieces by one outlet."""
    root = by_id.get(article.duplicate_of or "", article)
    if not root.outlet:
        return root.id
    return re.sub(r"^the\s+", "", " ".join(root.outlet.casefold().split()))
