"""The fact layer's per-article step: one spaCy parse feeds entities, quotes, numbers and dated mentions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from ..article import Article
from ..dossier import sentence_spans
from ..facts import DateMention
from ..pipeline import log
from ..settings import Settings
from . import nlp as spacy_nlp
from .mentions import article_entities
from .numbers import find_numbers
from .quotes import quotes_in
from .timex import article_timexes, calendar_value, refer

BATCH_SIZE = 32


def dated_mentions(article: Article) -> list[DateMention]:
    """Time expressions resolved against the publication date, each with the sentence it dates. An undated
    article's are resolved against the reference date its text gives, which is recorded on the article."""
    refer(article)
    spans = sentence_spans(article.text)
    out = []
    for timex in article_timexes(article):
        start, end = next(((s, e) for s, e in spans if s <= timex.start < e), (timex.start, timex.end))
        out.append(DateMention(timex.text, calendar_value(timex), article.text[start:end], timex.start, timex.end))
    return out


class Analyze:
    """Pipeline step: sets ``entities``, ``quotes``, ``numbers`` and ``dates`` of each article."""

    name = "analyze"
    parallel = True  # stateless per article: the executor may spread it over processes

    def __init__(self, settings: Settings) -> None:
        self.model = settings.spacy_model

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        stream = iter(articles)
        while batch := list(islice(stream, BATCH_SIZE)):
            nlp = spacy_nlp.load(self.model, need=("parser", "ner"))
            for article, doc in zip(batch, spacy_nlp.parse(nlp, (a.text for a in batch), BATCH_SIZE)):
                article.entities = _safely(article, "entities", lambda: article_entities(doc))
                article.quotes = _safely(article, "quotes", lambda: quotes_in(doc))
                article.numbers = _safely(article, "numbers", lambda: find_numbers(doc))
                article.dates = _safely(article, "dates", lambda: dated_mentions(article))
                yield article


def _safely(article: Article, facts: str, find: Callable[[], list]) -> list:
    """A bug met on one article's text costs that article these facts, never the run or the article."""
    try:
        return find()
    except Exception:  # noqa: BLE001 - any failure here means the same: log it with its cause, go on
        log.exception("%s: finding %s failed; the article is kept without them", article.source, facts)
        return []
