"""Scoring predicted quotes against hand-annotated ones (tests/gold): matching quote texts, speakers by alias."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Quote

_SPACES = re.compile(r"\s+")

_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate(_MARKS).casefold())


def quotes_match(predicted: str, gold: str) -> float:
    """How well two quote texts match: token Jaccard, or 1.0 when one is contained in the other (≥ 3 words)."""
    a, b = _tokens(predicted), _tokens(gold)
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return 1.0
    return len(set(a) & set(b)) / len(set(a) | set(b))


@dataclass(slots=True)
class QuoteScore:
    """Counts over any number of articles; add scores of articles with ``+``."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0
    direct_right: int = 0

    def __add__(self, other: QuoteScore) -> QuoteScore:
        return QuoteScore(*(getattr(self, f) + getattr(other, f) for f in self.__slots__))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0


def score_quotes(
    predicted: list[Quote], gold: list[dict], entities: Iterable[dict] = (), min_match: float = 0.5
) -> QuoteScore:
    """Score one article's quotes against gold ``{"text", "speaker", "direct"}`` dicts.

    Quotes are matched one to one, best match first, when :func:`quotes_match` reaches ``min_match``. A speaker
    is right when it equals the gold speaker or one of its aliases in ``entities`` (gold.json "entities"),
    ignoring case and a leading "the"; None is right only for a gold None.
    """
    names: dict[str, set[str]] = {}
    for ent in entities:
        forms = {_name_key(ent["name"])} | {_name_key(a) for a in ent.get("aliases", [])}
        names[_name_key(ent["name"])] = forms
    pairs = sorted(
        ((quotes_match(p.text, g["text"]), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    score = QuoteScore(predicted=len(predicted), gold=len(gold))
    for sim, i, j in pairs:
        if sim < min_match or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        score.matched += 1
        want, got = gold[j]["speaker"], predicted[i].speaker
        if want is None or got is None:
            score.speaker_right += want is None and got is None
        else:
            score.speaker_right += _name_key(got) in names.get(_name_key(want), {_name_key(want)})
        score.direct_right += predicted[i].direct == gold[j]["direct"]
    return score


def _name_key(name: str) -> str:
    return re.sub(r"^the\s+", "", _SPACES.sub(" ", name.translate(_MARKS)).strip().casefold())
