"""Plain-text path: text a user copied or scraped from a web page, menus and all."""

from __future__ import annotations

from ..model import Article
from ..settings import Thresholds
from .clean import clean
from .dates import infer_published
from .metadata import infer_source


def extract_text(article: Article, text: str, thresholds: Thresholds) -> Article:
    cleaned = clean(text, thresholds, title=article.title, pasted=True)
    article.text = cleaned.text
    article.removed = cleaned.removed
    article.title = article.title or cleaned.headline
    source = infer_source(text, article.url)
    if not article.outlet:
        article.outlet, article.outlet_evidence = source.outlet, source.evidence
    article.origin = article.origin or source.origin
    if not article.published:
        found = infer_published(text)
        if found:
            article.published, article.published_evidence = found
    return article
