"""Which figures of an article are claims: quantities the story reports, read whole.

The number finder reads figures one by one; before they enter the claims matrix two things are settled that
need the article's text around them:

- a figure is read whole: a decimal written with a space after its point ("4. 6", as scraped or tokenised
  text often has it) is one figure, not two;
- a figure that is not a fact about the story is no claim: an age, a stretch of time that says when ("in the
  past 24 hours", "two years ago"), a single one ("one official said"), a piece of a clock time or of a calendar date
  ("2:09 a.m.", "before 9", "03/14/2013"), a map coordinate ("55.9 degrees longitude"), the writer's own
  first-person aside ("I'm located 25 miles south"), a speaker's stretch of time that measures no reported
  event (see ``_unreported_duration``).
"""

from __future__ import annotations

import dataclasses
import re

from ..analyze.numbers import TIME_UNITS
from ..model import Article, NumberClaim

# Kinds of figure (``NumberClaim.kind`` where the number finder sets it) that are never a quantity reported.
NOT_QUANTITIES = {"age", "mention", "year", "date", "time", "ordinal", "rank", "score", "name"}

# A clock time around the figure: "2:09", "2: 09", "7 a.m.", "11 PM"; a calendar date written with slashes.
_CLOCK_AFTER = re.compile(r"(?i)^(?:\s?:\s?\d|\s?(?:[ap]\.\s?m\b|[ap]m\b))")
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")
_SLASH_DATE = re.compile(r"\b\d{1,4}\s?/\s?\d{1,2}\s?/\s?\d{2,4}\b")
# A bare hour after a word that places it in the day: "began before 9", "until 6".
_HOUR_BEFORE = re.compile(r"(?i)\b(?:before|after|until|till|since)\s+$")
# A coordinate: "55.96 degrees in longitude", "26.9 degrees north".
_COORDINATE_AFTER = re.compile(r"(?i)^\s*(?:in\s+)?(?:latitude|longitude|north|south|east|west|[NSEW]\b)")
# The integer part of a spaced decimal, right before the fraction: "4. " of "4. 6".
_INTEGER_BEFORE = re.compile(r"(?<![\d.,])(\d+)\. $")
_FRACTION_AFTER = re.compile(r"\. (\d+)(?!\d|,\d)")
_DIGITS_START = re.compile(r"^\d+")
# Words that make a stretch of time a position in time ("the past 24 hours", "two years ago"), not a length.
_WINDOW_BEFORE = re.compile(r"(?i)\b(?:past|last|next|coming|previous|recent|first|final|early|late)\s+$")
_WINDOW_AFTER = re.compile(r"(?i)^\s*(?:ago|later|earlier|before|after|since|on|into)\b")
_FIRST_PERSON = re.compile(r"(?:^|[.!?]\s+)I(?:'m|’m| am| was| have| had| live| felt)?\b")
_QUOTE_MARKS = re.compile(r"[\"“”]")
# The speaker's own life in their words ("Fifty years I have lived here").
_SPEAKER_SELF = re.compile(r"\b(?:I|me)\b")
# Where a clause ends: a figure beyond it belongs to another statement.
_CLAUSE_END = re.compile(r"[;:()]|,\s|\s[—–-]{1,2}\s")


def is_claim(number: NumberClaim) -> bool:
    """Whether a figure is a quantity the story reports, from the number record alone."""
    if number.kind in NOT_QUANTITIES or number.what == "age":
        return False
    if number.unit in TIME_UNITS and _locates_in_time(number):
        return False  # a stretch of time that says when ("the past 24 hours", "two years ago"), not how long
    # one alone names an individual ("one official said", "one of them") rather than counting
    return not (number.value == 1 and number.qualifier == "exact" and number.unit is None)


def _locates_in_time(number: NumberClaim) -> bool:
    s = number.sentence
    i = s.find(number.text)
    return i >= 0 and bool(_WINDOW_BEFORE.search(s[:i]) or _WINDOW_AFTER.match(s[i + len(number.text):]))


def claim_figures(article: Article) -> list[NumberClaim]:
    """The article's figures that are claims, spaced decimals read as one figure."""
    figures = _whole_figures(article)
    return [n for n in figures if is_claim(n) and not _part_of_time_or_place(article.text, n)
            and not _first_person(n) and not _unreported_duration(n, figures)]


def _unreported_duration(number: NumberClaim, figures: list[NumberClaim]) -> bool:
    """A stretch of time in a speaker's quoted words that measures no reported event: the window of another
    figure of its clause ("90,000 litres in 36 hours"), a plan or promise ("would arrive 'within 36 hours'"), or
    the speaker's own life ("Fifty years I have lived here"). A quoted length of what happened ("We were alone
    for 36 hours") stays a claim, as does any stretch of time the report states in its own words."""
    if number.unit not in TIME_UNITS:
        return False
    s = number.sentence
    i = s.find(number.text)
    if i < 0 or len(_QUOTE_MARKS.findall(s[:i])) % 2 == 0:
        return False  # not inside quotation marks
    if number.planned or _SPEAKER_SELF.search(s):
        return True
    for other in figures:
        j = s.find(other.text)
        if other.sentence == s and other.unit not in TIME_UNITS and j >= 0 \
                and not _CLAUSE_END.search(s[min(i, j):max(i, j)]):
            return True
    return False


def _first_person(number: NumberClaim) -> bool:
    """A figure in the writer's own first-person sentence ("I'm located 25 miles south of the quake") says
    where the writer stands, not what happened; a quoted witness's words stay claims."""
    return bool(_FIRST_PERSON.search(number.sentence)) and not _QUOTE_MARKS.search(number.sentence)


def _whole_figures(article: Article) -> list[NumberClaim]:
    """The article's figures with each spaced decimal ("4. 6") read as one figure."""
    out: list[NumberClaim] = []
    for number in sorted(article.numbers, key=lambda n: n.start):
        whole = _spaced_decimal(article.text, number) or number
        if out and out[-1].end > whole.start:  # the two halves were two figures: one reading of both
            first = out.pop()
            start, end = min(first.start, whole.start), max(first.end, whole.end)
            whole = dataclasses.replace(whole, text=article.text[start:end], start=start, end=end,
                                        qualifier=first.qualifier if first.start < whole.start else whole.qualifier)
        out.append(whole)
    return out


def _spaced_decimal(text: str, number: NumberClaim) -> NumberClaim | None:
    """``number`` read with the other half of a spaced decimal next to it in its sentence: the integer part
    before it ("4. " of "4. 6"), or else its fraction after it (". 6") when the number finder left that out."""
    if not text or not isinstance(number.value, (int, float)):
        return None
    fraction = _DIGITS_START.match(number.text)
    before = _INTEGER_BEFORE.search(text, max(0, number.start - 12), number.start)
    if fraction and before and before.group() + number.text in number.sentence:
        value = float(f"{before.group(1)}.{fraction.group()}")
        return dataclasses.replace(number, text=text[before.start():number.end], value=value, start=before.start())
    after = _FRACTION_AFTER.match(text, number.end)
    if (after and number.unit is None and float(number.value).is_integer() and number.text[-1].isdigit()
            and number.text + after.group() in number.sentence):
        value = float(f"{int(number.value)}.{after.group(1)}")
        return dataclasses.replace(number, text=text[number.start:after.end()], value=value, end=after.end())
    return None


def _part_of_time_or_place(text: str, number: NumberClaim) -> bool:
    """A piece of a clock time, a calendar date or a coordinate (needs the article text; without it, no)."""
    if not text or text[number.start:number.end] != number.text:
        return False
    before, after = text[max(0, number.start - 12):number.start], text[number.end:number.end + 16]
    if _CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before):
        return True
    line_start = text.rfind("\n", 0, number.start) + 1
    if any(m.start() <= number.start - line_start and number.end - line_start <= m.end()
           for m in _SLASH_DATE.finditer(text[line_start:number.end + 12])):
        return True
    if number.unit == "degrees" and _COORDINATE_AFTER.match(after):
        return True
    bare_hour = (number.unit is None and number.noun is None and number.qualifier == "exact"
                 and isinstance(number.value, (int, float)) and number.value <= 24)
    return bare_hour and bool(_HOUR_BEFORE.search(before))
