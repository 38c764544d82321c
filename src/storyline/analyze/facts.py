"""The fact layer's per-article step: one spaCy parse feeds entities, quotes, numbers and dated mentions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from ..article import Article
from ..dossier import sentence_spans
from ..facts import DateMention
from ..settings import Settings
from . import nlp as spacy_nlp
from .mentions import article_entities
from .numbers import find_numbers
from .quotes import quotes_in
from .timex import anchor_from, find_timexes

BATCH_SIZE = 32


def dated_mentions(article: Article) -> list[DateMention]:
    """Time expressions resolved against the publication date, each with the sentence it dates."""
    spans = sentence_spans(article.text)
    out = []
    for timex in find_timexes(article.text, anchor_from(article.published)):
        start, end = next(((s, e) for s, e in spans if s <= timex.start < e), (timex.start, timex.end))
        day = timex.date.isoformat() if timex.date else None
        out.append(DateMention(timex.text, day, article.text[start:end], timex.start, timex.end))
    return out


class Analyze:
    """Pipeline step: sets ``entities``, ``quotes``, ``numbers`` and ``dates`` of each article."""

    name = "analyze"

    def __init__(self, settings: Settings) -> None:
        self.model = settings.spacy_model

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        stream = iter(articles)
        while batch := list(islice(stream, BATCH_SIZE)):
            nlp = spacy_nlp.load(self.model, need=("parser", "ner"))
            for article, doc in zip(batch, spacy_nlp.parse(nlp, (a.text for a in batch), BATCH_SIZE)):
                article.entities = article_entities(doc)
                article.quotes = quotes_in(doc)
                article.numbers = find_numbers(doc)
                article.dates = dated_mentions(article)
                yield article
