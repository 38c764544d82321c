"""The analysis step: one spaCy parse per article feeds grouping keys, entities, quotes, numbers and dates."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from ..engine import Step, log
from ..model import Article, DateMention
from ..settings import Settings
from ..text import sentence_spans
from . import nlp as spacy_nlp
from .entities import MAX_CHARS, entity_keys
from .mentions import article_entities
from .numbers import find_numbers
from .predicates import with_predicates
from .quotes import quotes_in
from .timex import article_timexes, calendar_value, refer

BATCH_SIZE = 32
_NER_ONLY = ("tagger", "parser", "attribute_ruler", "lemmatizer")  # what grouping keys alone do not need


def dated_mentions(article: Article) -> list[DateMention]:
    """Time expressions resolved against the publication date, each with the sentence it dates. An undated
    article's are resolved against the reference date its text gives, which is recorded on the article."""
    refer(article)
    return resolved_mentions(article)


def resolved_mentions(article: Article) -> list[DateMention]:
    """Time expressions resolved against the publication date, else the reference date already on the article
    (``dated_mentions`` sets it from the article's text; a story may set it from its other articles)."""
    spans = sentence_spans(article.text)
    out = []
    for timex in article_timexes(article):
        start, end = next(((s, e) for s, e in spans if s <= timex.start < e), (timex.start, timex.end))
        out.append(DateMention(timex.text, calendar_value(timex), article.text[start:end], timex.start, timex.end))
    return out


class Analyze(Step):
    """Sets ``entity_keys`` (for grouping) and, unless ``facts=False``, the fact layer of each article.

    The body is parsed once; the headline, which names a story's actors, is parsed on its own (a few tokens)
    so that fact offsets stay offsets into ``text``. ``facts=False`` runs NER alone, for grouping studies.
    """

    name = "analyze"
    parallel = True  # stateless per article: the executor may spread it over processes
    requires: ClassVar = ("text", "title", "published")
    assigns: ClassVar = ("entity_keys", "entities", "quotes", "numbers", "dates")

    def __init__(self, settings: Settings, facts: bool = True) -> None:
        super().__init__()
        self.model = settings.spacy_model
        self.facts = facts

    def _nlp(self):
        if self.facts:
            return spacy_nlp.load(self.model, need=("parser", "ner"))
        return spacy_nlp.load(self.model, disable=_NER_ONLY, need=("ner",))

    def setup(self) -> None:
        self._nlp()

    def process(self, chunk: list[Article]) -> list[Article]:
        nlp = self._nlp()
        # a headline only gives grouping keys, so it needs NER and nothing else
        title_only = set(spacy_nlp.components_for(nlp, ("ner",)))
        titles = nlp.pipe((a.title or "" for a in chunk), batch_size=BATCH_SIZE,
                          disable=[name for name in nlp.pipe_names if name not in title_only])
        bodies = spacy_nlp.parse(nlp, (a.text for a in chunk), BATCH_SIZE) if self.facts else nlp.pipe(
            (a.text[:MAX_CHARS] for a in chunk), batch_size=BATCH_SIZE)
        for article, title, doc in zip(chunk, titles, bodies):
            ents = [*title.ents, *(e for e in doc.ents if e.start_char < MAX_CHARS)]
            article.entity_keys = entity_keys((e.text, e.label_) for e in ents)
            if self.facts:
                article.entities = self._safely(article, "entities", lambda: article_entities(doc))
                article.quotes = self._safely(article, "quotes", lambda: quotes_in(doc))
                article.numbers = self._safely(article, "numbers", lambda: with_predicates(doc, find_numbers(doc)))
                article.dates = self._safely(article, "dates", lambda: dated_mentions(article))
        return chunk

    def _safely(self, article: Article, facts: str, find: Callable[[], list]) -> list:
        """A bug met on one article's text costs that article these facts, never the run or the article."""
        try:
            return find()
        except Exception:  # noqa: BLE001 - any failure here means the same: log it with its cause, go on
            log.exception("%s: finding %s failed; the article is kept without them", article.source, facts)
            self.stats[f"{facts} failed"] += 1
            return []
