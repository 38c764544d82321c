"""Per-outlet coverage differences: what only one outlet reports, and the corroborated facts it leaves out."""

from __future__ import annotations

from ..model import Article, Claim, Coverage, StoryQuote, outlet_key


def coverage(members: list[Article], claims: list[Claim], quotes: list[StoryQuote]) -> dict[str, Coverage]:
    """Outlet (as first named in the story) -> its differences; "The Northwire" and "Northwire" are one outlet."""
    names: dict[str, str] = {}  # outlet key -> display name
    outlets: dict[str, set[str]] = {}
    for article in members:
        given = article.outlet or article.source
        name = names.setdefault(outlet_key(given), given)
        outlets.setdefault(name, set()).add(article.id)
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
    for differences in result.values():
        # Several figures of one sentence are several claims with one statement: list the sentence once.
        differences.only_here = list(dict.fromkeys(differences.only_here))
        differences.omitted = list(dict.fromkeys(differences.omitted))
    return result
