"""An article's text as numbered sentences, so a citation can link to the very sentence it cites (``#s3``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import sentence_spans

_BLOCK = re.compile(r"(?:(?!\n[ \t]*\n).)+", re.DOTALL)  # a paragraph: a run of text without a blank line in it


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    number: int | None  # the sentence's number (its anchor is s<number>); None for the space between sentences


def paragraphs(text: str) -> list[list[Piece]]:
    """The text cut into paragraphs of sentences, numbered from 1 through the whole text."""
    spans = sentence_spans(text)
    out: list[list[Piece]] = []
    n = 0
    for block in _BLOCK.finditer(text):
        pieces: list[Piece] = []
        cursor = None
        while n < len(spans) and spans[n][0] < block.end():
            start, end = spans[n]
            if cursor is not None and start > cursor:
                pieces.append(Piece(text[cursor:start], None))
            n += 1
            pieces.append(Piece(text[start:end], n))
            cursor = end
        if pieces:
            out.append(pieces)
    return out


_WORD = re.compile(r"\w+")
SAME_SENTENCE = 0.6  # word overlap (Jaccard) from which a reworded copy's sentence is taken as the cited one


def find(text: str, cited: str | None) -> int | None:
    """The number of the sentence of ``text`` that ``cited`` is; failing that, the first containing it, else the
    one sharing most of its words (a syndicated copy trims and rewords); None when no sentence is close."""
    if not cited or not cited.strip():
        return None
    cited = " ".join(cited.split())
    sentences = [" ".join(text[s:e].split()) for s, e in sentence_spans(text)]
    for number, sentence in enumerate(sentences, start=1):
        if sentence == cited:
            return number
    for number, sentence in enumerate(sentences, start=1):
        if cited in sentence:
            return number
    words = set(_WORD.findall(cited.casefold()))
    best, number = max(((_overlap(words, sentence), n) for n, sentence in enumerate(sentences, start=1)),
                       default=(0.0, None))
    return number if best >= SAME_SENTENCE else None


def _overlap(words: set[str], sentence: str) -> float:
    other = set(_WORD.findall(sentence.casefold()))
    return len(words & other) / len(words | other) if words or other else 0.0
