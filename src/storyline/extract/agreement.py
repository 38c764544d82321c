"""Two extractors' views of a page, merged by where they agree.

Trafilatura (the primary) and readability-lxml (the secondary) find the main text by different means, and
on news pages they rarely make the same mistake: the lines both keep are article text, while a line only
one of them keeps is mostly boilerplate (a caption, a teaser list, a share bar). The primary's lines are
kept from its first to its last agreed line, so a paragraph inside the article that only the primary kept
stays, and whatever it added before or after the agreed body goes. That holds too when one text mostly lies
within the other (one extractor took the article plus more of the page). When neither mostly lies within
the other, they picked different parts of the page and agreement says nothing; the primary's text is then
kept whole.
Every line a candidate kept and the merged text lost is reported, so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHINGLE = 3  # word trigrams: long enough to be specific to a sentence, short enough for short lines
AGREE_SHARE = 0.5  # a line agrees when this share of its trigrams also occurs in the other candidate
# when less than this share of each candidate's words is in lines the other agrees with, they picked
# different parts of the page
MIN_AGREED_SHARE = 0.5
# Chinese and Japanese characters are written without spaces: each counts as a word
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\W\u3040-\u30ff\u3400-\u9fff]+")


@dataclass(slots=True)
class Merged:
    lines: list[str]  # the merged main text, one paragraph per line
    dropped: list[str]  # lines a candidate kept that the merged text does not contain


def merge(primary: list[str], secondary: list[str]) -> Merged:
    """The primary's lines between its first and last line the secondary agrees with (see module doc)."""
    primary, ours, our_words = _read(primary)
    secondary, theirs, their_words = _read(secondary)
    if not primary or not secondary:
        return Merged(primary or secondary, [])
    agreed = _agreed(ours, set().union(*theirs))
    apart = max(_share(our_words, agreed), _share(their_words, _agreed(theirs, set().union(*ours)))) < MIN_AGREED_SHARE
    if apart or not agreed:
        agreed = [0, len(primary) - 1]  # the primary whole
    first, last = agreed[0], agreed[-1]
    kept = set().union(*ours[first : last + 1])
    lost = [line for line, own in zip(secondary, theirs) if not _covered(own, kept)]
    return Merged(primary[first : last + 1], primary[:first] + primary[last + 1 :] + lost)


def _read(lines: list[str]) -> tuple[list[str], list[set], list[int]]:
    """The lines that have words, with the shingle set and word count of each."""
    tokenized = [(line, tokens) for line in lines if (tokens := _tokens(line))]
    return ([line for line, _ in tokenized], [_shingles(tokens) for _, tokens in tokenized],
            [len(tokens) for _, tokens in tokenized])


def _agreed(lines: list[set], other: set) -> list[int]:
    """Positions of the lines (as shingle sets) that the ``other`` text's shingles agree with."""
    return [k for k, own in enumerate(lines) if _covered(own, other)]


def _share(words: list[int], positions: list[int]) -> float:
    """The share of all words that are in the lines at ``positions``."""
    return sum(words[k] for k in positions) / sum(words)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    """Every run of ``SHINGLE`` consecutive tokens; a shorter line is one shingle of all its tokens."""
    if len(tokens) < SHINGLE:
        return {tuple(tokens)}
    return set(zip(*(tokens[i:] for i in range(SHINGLE))))


def _covered(own: set[tuple[str, ...]], shingles: set[tuple[str, ...]]) -> bool:
    return len(own & shingles) >= AGREE_SHARE * len(own)
