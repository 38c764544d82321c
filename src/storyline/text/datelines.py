"""Datelines, defined once: the place (often with the day and the wire agency) that opens a news report.

"KYIV, Nov 29 (AFP) -", "LONDON (Reuters) -", "Paris, March 3, 2024 (AP):", "MARHAVEN, Veldoria — ". Cleaning
reads one as the start of another story, metadata as the agency credited, publication dates as the day stated;
summaries, claim labels and reported speech strip it from the sentence it opens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTH_PATTERN, month_number

# a city of up to four words ("SALT LAKE CITY", "Rio de Janeiro"), a region of up to three without digits
_PLACE = (r"(?P<city>[A-Z][\w.'’-]*(?: [\w.'’-]+){0,3}?)"
          r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’-]*(?: [A-Za-z.'’-]+){0,2}?))?")
_DAY = r",\s*(?i:" + MONTH_PATTERN + r")\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_AGENCY = r"\s*\((?P<agency>[A-Za-z][A-Za-z .&'’-]{1,39})\)"
# a separator followed by a space: "US-China talks" opens with no dateline
_SEP = r"(?P<sep>\s*[-–—:]+)(?=\s|$)\s*"
_DATELINE = re.compile(_PLACE + r"(?:" + _DAY + r")?(?:" + _AGENCY + r")?" + _SEP)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the report's own words begin
    place: str
    agency: str | None
    month: int | None
    day: int | None
    year: int | None

    @property
    def in_capitals(self) -> bool:
        """The wire style ("WASHINGTON (AP) —"): a title-case place before parentheses may be a name or a team."""
        return _in_capitals(self.place.split(",")[0])


def _in_capitals(city: str) -> bool:
    return city.isupper() and sum(c.isalpha() for c in city) >= 2


def dateline_at(text: str, pos: int = 0, endpos: int | None = None) -> Dateline | None:
    """The dateline opening ``text`` at ``pos``, or None.

    A dateline states a day or credits an agency; without either only a city in capitals and its region before a
    spaced dash count ("MARHAVEN, Veldoria — "), so "BREAKING: ...", "NATO – the alliance" and "Smith - who" open
    none. A colon ends a dateline only after a city in capitals: "England (Group A): ..." is a label.
    """
    m = _DATELINE.match(text, pos, len(text) if endpos is None else endpos)
    if not m:
        return None
    if any(w[:1].islower() and len(w) > 3 for w in m["city"].split()):
        return None  # a place's words are capitalised, but for particles ("Rio de Janeiro"); a clause's are not
    capitals = _in_capitals(m["city"])
    if not capitals and ":" in m["sep"]:
        return None  # "England (Group A): ...", "Correction, Nov. 15, 2019: ..." are labels
    if not (m["month"] or m["agency"]) and not (capitals and m["region"] and m["sep"][:1].isspace()
                                                and ":" not in m["sep"]):
        return None
    place = m["city"].strip() + (f", {m['region'].strip()}" if m["region"] else "")
    return Dateline(m.start(), m.end(), place, m["agency"].strip() if m["agency"] else None,
                    month_number(m["month"]) if m["month"] else None,
                    int(m["day"]) if m["day"] else None, int(m["year"]) if m["year"] else None)


def strip_dateline(sentence: str) -> str:
    """The sentence without the dateline that opens it."""
    found = dateline_at(sentence)
    return sentence[found.end:] if found else sentence
