"""The public entry points: candidates from the characters, only their sentences parsed, claims out."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from ...exceptions import ConfigError
from ...model import NumberClaim
from ...settings import Settings
from ..nlp import load
from .candidates import _candidates, _is_year, _Number
from .meaning import _describe, _noun_name, _tokens
from .vocabulary import _SCORE_CONTEXT, _YEAR_PREPS, SKIP_CAPITALISED, TIME_UNITS

BATCH_SIZE = 32


def load_parser(model: str | None = None) -> Any:
    """The spaCy pipeline with tagger, parser and lemmatizer (NER is not needed here)."""
    return load(model or Settings().spacy_model, disable=("ner",), need=("parser",))



def _sentence_of(doc: Any, start: int) -> str:
    """The parser's sentence around ``start``, cut at line breaks (a headline or a "Read also" line is not part
    of the next sentence)."""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None or not len(token):
        return ""
    sent = token[0].sent
    text, pos = sent.text, start - sent.start_char
    return text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1].strip()


# Verbs (lemmas) that attribute words to a source
REPORTING_VERBS = {"say", "tell", "add", "explain", "warn", "note", "claim", "insist", "confirm", "deny", "write",
                   "speak", "describe", "acknowledge", "admit", "argue", "suggest", "report", "estimate"}


def _is_source(num: _Number, noun: Any) -> bool:
    """"One official said", "according to one diplomat": a spelled "one" naming a source, not counting."""
    if noun is None or not num.words or num.value != 1 or num.unit is not None or num.qualifier != "exact":
        return False
    if noun.tag_ not in ("NN", "NNP"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lower_ == "according":
        return True
    return noun.dep_ == "nsubj" and (noun.head.lemma_ or noun.head.lower_) in REPORTING_VERBS


def _year_like(doc: Any, num: _Number, text: str, offset: int) -> bool:
    """A bare 4-digit number between 1000 and 2100 (or a range of two: "between 1600 and 1900") is a year unless
    it counts a plural noun after it."""
    raw = text[num.core_start + offset:num.core_end + offset]
    if num.unit is not None or num.qualifier not in ("exact", "range"):
        return False
    parts = re.findall(r"[\d,.]+", raw) if num.qualifier == "range" else [raw]
    if len(parts) != (2 if num.qualifier == "range" else 1) or not all(
            p.isdigit() and _is_year(float(p), p) for p in parts):
        return False
    before = text[max(0, num.core_start + offset - 20):num.core_start + offset].split()
    if before and before[-1].lower().strip(",'’") in _YEAR_PREPS:
        return True
    tokens = _tokens(doc, num.core_start, num.core_end)
    if tokens:
        t = tokens[-1]
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and t.head.i == nxt.i:
            return False
    return True


_RESTATED = re.compile(r"\s*[(/]\s*")


def _from_doc(doc: Any, nums: list[_Number], text: str, offset: int, previous_nouns: list[Any]) -> list[NumberClaim]:
    """Claims for the candidates ``nums`` (offsets in ``text``), with ``doc`` the parse of ``text[offset:]``."""
    if nums and not doc.has_annotation("DEP"):
        raise ConfigError(
            "find_numbers needs a dependency parse: pass a spaCy pipeline with its parser enabled (for example "
            "storyline.analyze.numbers.load_parser()), not the NER-only one from analyze.entities."
        )
    claims: list[NumberClaim] = []
    for found in nums:
        num = replace(found, start=found.start - offset, end=found.end - offset,
                      core_start=found.core_start - offset, core_end=found.core_end - offset)
        if _year_like(doc, num, text, offset):
            continue
        tokens = _tokens(doc, num.core_start, num.core_end)
        if tokens and num.unit is None and not num.age and not num.words:
            prev = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
            # a number after a proper noun is part of a name: "Flight 714", "Boeing 737", "Storm 3"
            if (prev is not None and prev.tag_ in ("NNP", "NNPS") and prev.text not in SKIP_CAPITALISED
                    and prev.idx + len(prev.text) + 1 == tokens[0].idx and not prev.is_sent_start
                    and num.qualifier == "exact"):
                continue
            # "the sp 500 is poised to drop": a number between a determined noun and its verb closes a name (in any
            # case); a count stands before its noun
            after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
            if (prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.i >= 1
                    and doc[prev.i - 1].tag_ in ("DT", "PRP$", "POS") and after is not None
                    and after.pos_ in ("AUX", "VERB") and num.qualifier == "exact"):
                continue
            # "two new 737 Max jets": a number before a proper noun, on a noun another number already counts,
            # is part of the model's name
            nxt = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
            noun = tokens[-1].head
            if (nxt is not None and nxt.tag_ == "NNP" and nxt.head.i == noun.i and num.qualifier == "exact"
                    and any(c.tag_ == "CD" and c.i < tokens[0].i for c in noun.children)):
                continue
            # a sports score left on its own
            if prev is not None and prev.text in ("-", "–") and _SCORE_CONTEXT.search(tokens[0].sent.text):
                continue
            # "Ana Rusk, 54, said": an age
            if (prev is not None and prev.text == "," and tokens[0].i >= 2 and doc[tokens[0].i - 2].tag_ == "NNP"
                    and tokens[-1].i + 1 < len(doc) and doc[tokens[-1].i + 1].text in (",", ".", ")", ";")
                    and isinstance(num.value, float) and num.value < 120 and num.qualifier == "exact"):
                num.age, num.unit = True, "years"
            # "He will be 35 by the end of the year": a person's pronoun, "be" and a bare number is an age
            if (tokens[-1].dep_ == "attr" and tokens[-1].head.lemma_ == "be" and isinstance(num.value, float)
                    and num.value < 120 and any(c.dep_ == "nsubj" and c.lower_ in ("he", "she", "i")
                                                for c in tokens[-1].head.children)):
                num.age, num.unit = True, "years"
        what, noun, keep = _describe(doc, num, previous_nouns)
        if not keep:
            continue
        if noun is not None and noun.tag_ in ("NNS", "NNPS"):
            previous_nouns.append(noun)
        if claims and num.unit is not None and _RESTATED.fullmatch(text[claims[-1].end:found.start]):
            # "47 feet (14 metres)", "296 hp (224 kW / 300 PS)", "a net worth of 1.4 billion ($1.8bn)" (the first
            # currency lost in transliteration): the same figure restated
            what = claims[-1].what
        period = noun.lemma_.lower() if noun is not None else ""
        if num.unit is None and tokens and noun is not None and noun.doc is doc and noun.i > tokens[-1].i and (
                f"{period}s" in TIME_UNITS or period == "century"):
            num.unit = "centuries" if period == "century" else f"{period}s"  # "the 50 previous years": a measure
        kind = ("age" if num.age else "duration" if num.unit in TIME_UNITS
                else "mention" if _is_source(num, noun) else "quantity")
        claims.append(NumberClaim(
            text=text[found.start:found.end], value=num.value, qualifier=num.qualifier, unit=num.unit,
            what=what or None, start=found.start, end=found.end, sentence=_sentence_of(doc, num.start),
            kind=kind, noun=None if noun is None or num.unit is not None else _noun_name(
                noun, {t.i for t in _tokens(doc, num.start, num.end)}),
        ))
    return claims


# Where a sentence may start, by punctuation alone: only the sentences with numbers are parsed, which is most of
# the speed ("them" still finds its noun in an earlier sentence: the counted nouns are kept across them).
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*")


_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Za-z](?:\.[A-Za-z])+|[a-z]{1,3})\.$")  # "Dr.", "U.S.", "W.", "vs."


def _chunks(text: str, nums: list[_Number]) -> list[tuple[int, int, list[_Number]]]:
    """(start, end, candidates) of the stretches of ``text`` to parse: each candidate's sentence, merged with
    the next where they touch."""
    bounds = [0] + [m.end() for m in _BOUNDARY.finditer(text)
                    if m.group(0).startswith("\n") or not _ABBREVIATION.search(text, max(0, m.start() - 12), m.start())]
    bounds.append(len(text))
    chunks: list[tuple[int, int, list[_Number]]] = []
    for num in nums:
        i = bisect_right(bounds, num.start) - 1
        start = bounds[i]
        end = bounds[min(len(bounds) - 1, bisect_left(bounds, num.end))]
        if chunks and start <= chunks[-1][1]:
            chunks[-1] = (chunks[-1][0], max(end, chunks[-1][1]), chunks[-1][2] + [num])
        else:
            chunks.append((start, end, [num]))
    return chunks


def find_numbers(text: Any, nlp: Any = None) -> list[NumberClaim]:
    """Every number in ``text`` that states a fact, in text order.

    ``text`` is a string or an already parsed spaCy ``Doc`` (with a dependency parse); ``nlp`` is a loaded
    spaCy pipeline with a parser, by default :func:`load_parser` of ``Settings().spacy_model``. For a string,
    only the sentences around numbers are parsed.
    """
    if not isinstance(text, str):
        return _from_doc(text, _candidates(text.text), text.text, 0, [])
    return next(find_numbers_many([text], nlp))


def find_numbers_many(texts: Iterable[str], nlp: Any = None, batch_size: int = BATCH_SIZE) -> Iterator[list[NumberClaim]]:
    """:func:`find_numbers` for many texts, parsed in batches; yields one list per text, in order."""
    stream = iter(texts)
    while batch := list(islice(stream, batch_size)):
        plans = [(text, _chunks(text, _candidates(text))) for text in batch]
        pieces = [text[start:end] for text, chunks in plans for start, end, _ in chunks]
        docs = iter((nlp or load_parser()).pipe(pieces, batch_size=batch_size) if pieces else ())
        for text, chunks in plans:
            previous_nouns: list[Any] = []
            claims: list[NumberClaim] = []
            for (start, _, nums), doc in zip(chunks, docs):
                claims.extend(_from_doc(doc, nums, text, start, previous_nouns))
            yield claims

