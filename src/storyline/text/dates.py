"""Reading dates, defined once: ISO 8601 strings and the month names every date reader shares."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
# a month name or abbreviation (optionally with a full stop) as the named group "month"; match it case-blind
MONTH_PATTERN = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                 r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")


def month_number(name: str) -> int:
    """1–12 for a name ``MONTH_PATTERN`` matched ("Sept.", "november")."""
    return MONTHS[name.lower().rstrip(".")]


def parse_iso(value: str) -> date | datetime | None:
    """An ISO 8601 date (a ``date``: no invented midnight) or date-time ("Z" is UTC); None when malformed."""
    for parse in (date.fromisoformat, datetime.fromisoformat):  # a date first: "20250530" is no midnight
        try:
            return parse(value.strip())
        except ValueError:
            continue
    return None


def iso_day(value: str | None) -> date | None:
    """The day of an ISO 8601 date or datetime string; None when absent or malformed (unknown, never guessed)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            return None
