"""Publication dates read from the text itself: header lines, "Published:" markers, datelines.

Only dates the document states about itself are used; a dateline without a year gets its year only from
an unambiguous year elsewhere in the same document (a full header date or a copyright line), never from
the clock. Anything unclear gives ``None``.
"""

from __future__ import annotations

import re
from datetime import date

from ..text.datelines import Dateline, dateline_at
from ..text.dates import MONTH_PATTERN, month_number

# offsets of zones that name one offset; "ET"/"PT" switch with daylight saving and stay unresolved
_ZONES = {"UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00",
          "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "BST": "+01:00",
          "CET": "+01:00", "CEST": "+02:00", "EET": "+02:00", "EEST": "+03:00", "IST": "+05:30", "JST": "+09:00"}

_US_ZONES = {"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "CT", "MT", "PT"}
_MONTH = MONTH_PATTERN
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = (r"(?:(?:,|\s+at|\s*[-–|/])?\s*(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?\s*"
         r"(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<zone>[A-Z]{1,4}))?)?")
_NAMED_DATES = [
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b" + _TIME, re.I),  # Nov. 3, 2024
    re.compile(_WEEKDAY + _DAY + r"\.?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b" + _TIME, re.I),  # 30 November 2024
]
_ISO_DATE = re.compile(r"\b" + _YEAR + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?")
_NUMERIC_DATE = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]" + _YEAR + r"\b" + _TIME, re.I)
_MARKER = re.compile(
    r"^\W*(?:(?:first\s+)?published|posted|(?:last\s+)?updated)\b(?:\s+on)?\s*:?|^\W*(?:date|released|issued)\s*:", re.I)
MARKER_MAX_CHARS = 40  # in a marked line the date follows the marker closely ("Posted on March 3, 2023 by ...")
_UPDATED = re.compile(r"^\W*(?:last\s+)?updated\b", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?P<year>(?:19|20)\d\d)", re.I)
# a stated date sits in a short line or near the start of one; searching further only costs time (a line of
# a million characters made every pattern scan it, several times per document)
MAX_DATE_SEARCH_CHARS = 1000
HEADER_LINES = 10  # a date in the first lines is about the document; later dates are usually about events
MAX_DATE_LINE_WORDS = 14


def infer_published(text: str) -> tuple[str, str] | None:
    """(ISO date or datetime, evidence) stated by the text itself, or None when it states none clearly."""
    lines = [_untokenize(line.strip()) for line in (text or "").splitlines() if line.strip()]
    marked = _from_marked_lines(lines)
    if marked:
        return marked
    for line in _header(lines):
        dateline = dateline_at(line)
        if dateline and dateline.month:  # "KYIV, Nov 29 (AFP):", "LONDON, March 3 (Reuters) -"
            found = _from_dateline(dateline, lines)
            if found:
                return found, "dateline"
        elif len(line.split()) <= MAX_DATE_LINE_WORDS:
            found = _parse_date(line)
            if found and _covers_line(line, found[1]):
                return found[0], _evidence("header-line", found)
    return _from_opening(lines) or _from_url_line(lines)


def _untokenize(line: str) -> str:
    """Undo token spacing from corpora stored as tokens ("May 2 , 2013 1 : 35 p . m ." -> "May 2, 2013 1:35 p.m.")."""
    line = re.sub(r"\b([ap])\s*\.\s*m\s*\.", r"\1.m.", line, flags=re.I)
    line = re.sub(r"(\d)\s*:\s*(\d)", r"\1:\2", line)
    return re.sub(r"\s+([,.;!?])", r"\1", line)


_NARRATIVE = re.compile(r"\b(?:on|since|until|till|by|from|before|after|in|of|between|and|through|to|than|born|died|dated)\s*,?\s*$", re.I)
OPENING_WORDS = 40


def _from_opening(lines: list[str]) -> tuple[str, str] | None:
    """A full date in the headline run before the first sentence ends, as in text that lost its line breaks
    ("Lohan checks into rehab May 2, 2013 1:35 pm. Lindsay Lohan ..."); never one after "on", "since" ..."""
    opening = " ".join(" ".join(lines).split()[:OPENING_WORDS])
    first_sentence = re.search(r"[.!?][\"'”’]?\s+[A-Z]", opening)
    found = _parse_date(opening)
    if not found or (first_sentence and found[1][0] > first_sentence.start()):
        return None
    if _NARRATIVE.search(opening[: found[1][0]]):
        return None
    return found[0], _evidence("header-text", found)


def date_from_url(url: str | None) -> str | None:
    """A /2024/11/30/ style date in an article's URL."""
    m = _URL_DATE.search(url or "")
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _from_url_line(lines: list[str]) -> tuple[str, str] | None:
    """A leading source URL with a /2013/05/02/ date, as some corpora keep at the top of the text."""
    for line in lines[:2]:
        if line.lower().startswith("http"):
            iso = date_from_url(line.replace(" ", ""))
            if iso:
                return iso, "url"
    return None


def _header(lines: list[str]) -> list[str]:
    """The lines above the body (menus, masthead, headline, byline, date) and the body's first lines."""
    body = next((k for k, line in enumerate(lines) if len(line.split()) >= 20), len(lines))
    return lines[: max(HEADER_LINES, body + 3)]


def _evidence(kind: str, found: tuple) -> str:
    return f"{kind}:day-first" if found[2] else kind


def _from_marked_lines(lines: list[str]) -> tuple[str, str] | None:
    """A "Published:"/"Posted on"/"Updated" line anywhere; publication beats update."""
    updated = None
    for line in lines:
        marker = _MARKER.match(line)
        if marker and len(line.split()) <= 2 * MAX_DATE_LINE_WORDS:
            found = _parse_date(line)
            if not found or found[1][0] - marker.end() > MARKER_MAX_CHARS:
                continue
            if not _UPDATED.match(line):
                return found[0], _evidence("header-line", found)
            updated = updated or found
    return (updated[0], _evidence("header-line:updated", updated)) if updated else None


def _covers_line(line: str, span: tuple[int, int]) -> bool:
    """The date is most of the line, so the line is a date line rather than a sentence mentioning a date."""
    rest = re.sub(r"[\W\d_]+", " ", line[: span[0]] + line[span[1] :]).split()
    return len(rest) <= 4


def _from_dateline(dateline: Dateline, lines: list[str]) -> str | None:
    year = dateline.year or _document_year(lines)
    if not year or not dateline.month or not dateline.day:
        return None
    return _iso(int(year), dateline.month, dateline.day)


def _document_year(lines: list[str]) -> str | None:
    """The one year the document states about itself (copyright lines, header dates), else None."""
    years = {m.group("year") for line in lines for m in _COPYRIGHT_YEAR.finditer(line)}
    for line in _header(lines) + [line for line in lines if _MARKER.match(line)]:
        found = _parse_date(line)
        if found and (_covers_line(line, found[1]) or _MARKER.match(line)):
            years.add(found[0][:4])
    return years.pop() if len(years) == 1 else None


def _parse_date(line: str) -> tuple[str, tuple[int, int], bool] | None:
    """First full date (with year) in ``line``: ISO text, where it was found, and whether the numeric
    day/month order was ambiguous (12/03/2024 is read day-first, and the evidence says so)."""
    line = line[:MAX_DATE_SEARCH_CHARS]
    for pattern in _NAMED_DATES:
        m = pattern.search(line)
        if m:
            iso = _iso(int(m.group("year")), month_number(m.group("month")), int(m.group("day")))
            if iso:
                return _with_time(iso, m, line), m.span(), False
    m = _ISO_DATE.search(line)
    if m:
        iso = _iso(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        if iso:
            return (f"{iso}T{m.group('hour')}:{m.group('minute')}" if m.group("hour") else iso), m.span(), False
    m = _NUMERIC_DATE.search(line)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        us_style = bool(m.group("ampm")) or (m.group("zone") or "").upper() in _US_ZONES
        if a > 12 or (b <= 12 and not us_style):
            day, month = a, b  # day first, as most of the world writes it
        else:
            month, day = a, b
        iso = _iso(int(m.group("year")), month, day)
        if iso:
            return _with_time(iso, m, line), m.span(), a <= 12 and b <= 12 and a != b and not us_style
    return None


def _with_time(iso: str, m: re.Match, line: str) -> str:
    if not m.group("hour"):
        return iso
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    ampm = (m.group("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return iso
    zone = _ZONES.get((m.group("zone") or "").upper(), "")
    return f"{iso}T{hour:02d}:{minute:02d}{zone}"


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
