"""Sentence splitting, defined once: the summary, the timeline and the fact extractors cut text the same way."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Mt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Inc|Ltd|Co|Corp|vs|U\.S|U\.K|U\.N|[A-Z])\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a cheap splitter that respects paragraphs and common abbreviations."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        begin = None
        cursor = paragraph.start()
        for boundary in [*_SENTENCE_END.finditer(paragraph.group()), None]:
            end = paragraph.start() + boundary.start() if boundary else paragraph.end()
            piece = text[cursor:end]
            if begin is None and piece.strip():
                begin = cursor + len(piece) - len(piece.lstrip())
            if begin is not None and (boundary is None or not _ABBREVIATION.search(text[begin:end])):
                spans.append((begin, end))
                begin = None
            if boundary:
                cursor = paragraph.start() + boundary.end()
    return spans


def split_sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]
