"""Fact-layer records ↔ JSON columns."""

from __future__ import annotations

from dataclasses import asdict

from ..article import Article
from ..dossier import Story
from ..facts import DateMention, Entity, NumberClaim, Quote
from ..reconcile.claims import Claim
from ..reconcile.coverage import Coverage
from ..reconcile.entities import StoryEntity
from ..reconcile.quotes import StoryQuote
from ..reconcile.timeline import Event


def article_facts(article: Article) -> dict:
    return {
        "entities": [asdict(e) for e in article.entities],
        "quotes": [asdict(q) for q in article.quotes],
        "numbers": [asdict(n) for n in article.numbers],
        "dates": [asdict(d) for d in article.dates],
        "reference_date": article.reference_date,
        "reference_evidence": article.reference_evidence,
    }


def _number(d: dict) -> NumberClaim:
    value = d["value"]
    return NumberClaim(**{**d, "value": tuple(value) if isinstance(value, list) else value})


def load_article_facts(article: Article, facts: dict | None) -> None:
    facts = facts or {}
    article.entities = [Entity(**e) for e in facts.get("entities", [])]
    article.quotes = [Quote(**q) for q in facts.get("quotes", [])]
    article.numbers = [_number(n) for n in facts.get("numbers", [])]
    article.dates = [DateMention(**d) for d in facts.get("dates", [])]
    article.reference_date = facts.get("reference_date")
    article.reference_evidence = facts.get("reference_evidence")


def story_facts(story: Story) -> dict:
    return {
        "entities": [asdict(e) for e in story.entities],
        "quotes": [asdict(q) for q in story.quotes],
        "claims": [asdict(c) for c in story.claims],
        "timeline": [asdict(e) for e in story.timeline],
        "coverage": {outlet: asdict(c) for outlet, c in story.coverage.items()},
    }


def load_story_facts(story: Story, facts: dict | None) -> None:
    facts = facts or {}
    story.entities = [StoryEntity(**e) for e in facts.get("entities", [])]
    story.quotes = [StoryQuote(**q) for q in facts.get("quotes", [])]
    story.claims = [Claim(**c) for c in facts.get("claims", [])]
    story.timeline = [Event(**e) for e in facts.get("timeline", [])]
    story.coverage = {outlet: Coverage(**c) for outlet, c in facts.get("coverage", {}).items()}
