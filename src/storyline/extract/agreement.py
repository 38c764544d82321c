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
    primary = [line for line in primary if _tokens(line)]
    secondary = [line for line in secondary if _tokens(line)]
    if not primary or not secondary:
        return Merged(primary or secondary, [])
    agreed = _agreed(primary, secondary)
    apart = max(_share(primary, agreed), _share(secondary, _agreed(secondary, primary))) < MIN_AGREED_SHARE
    if apart or not agreed:
        kept, cut = primary, []
    else:
        kept = primary[agreed[0] : agreed[-1] + 1]
        cut = primary[: agreed[0]] + primary[agreed[-1] + 1 :]
    ours = _shingles(" ".join(kept))
    return Merged(kept, cut + [line for line in secondary if not _covered(line, ours)])


def _agreed(lines: list[str], other: list[str]) -> list[int]:
    """Positions of the ``lines`` that the ``other`` text agrees with."""
    shingles = _shingles(" ".join(other))
    return [k for k, line in enumerate(lines) if _covered(line, shingles)]


def _share(lines: list[str], positions: list[int]) -> float:
    """The share of the words of ``lines`` that are in the lines at ``positions``."""
    words = [len(_tokens(line)) for line in lines]
    return sum(words[k] for k in positions) / sum(words)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = _tokens(text)
    return {tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}


def _covered(line: str, shingles: set[tuple[str, ...]]) -> bool:
    own = _shingles(line)
    return len(own & shingles) >= AGREE_SHARE * len(own)
