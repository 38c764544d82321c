"""Per-outlet coverage differences: what only one outlet reports, and the corroborated facts it leaves out."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import Article
from .claims import Claim
from .quotes import StoryQuote


@dataclass(slots=True)
class Coverage:
    only_here: list[str] = field(default_factory=list)  # claim statements and quotes no other outlet has
    omitted: list[str] = field(default_factory=list)  # corroborated claim statements this outlet lacks


def outlet_of(article: Article) -> str:
    return article.outlet or article.source


def coverage(members: list[Article], claims: list[Claim], quotes: list[StoryQuote]) -> dict[str, Coverage]:
    outlets: dict[str, set[str]] = {}
    for article in members:
        outlets.setdefault(outlet_of(article), set()).add(article.id)
    result = {name: Coverage() for name in sorted(outlets)}
    if len(outlets) < 2:
        return result  # with one outlet there is nothing to compare
    for name, ids in outlets.items():
        for claim in claims:
            if set(claim.article_ids) <= ids:
                result[name].only_here.append(claim.statement)
            elif claim.status == "corroborated" and not ids & set(claim.article_ids):
                result[name].omitted.append(claim.statement)
        for quote in quotes:
            if set(quote.article_ids) <= ids:
                speaker = f"{quote.speaker}: " if quote.speaker else ""
                result[name].only_here.append(f"{speaker}“{quote.text}”")
    return result
