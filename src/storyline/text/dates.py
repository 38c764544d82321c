"""Reading ISO 8601 dates, defined once."""

from __future__ import annotations

from datetime import date, datetime


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
