"""Dates as French readers write them."""

from __future__ import annotations

import datetime

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(day: datetime.date) -> str:
    """``2025-03-01`` → ``1er mars 2025``."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"


def as_date(value: object) -> datetime.date | None:
    """A date from front matter: a date (or datetime) as MkDocs' loader gives it,
    or ``YYYY-MM-DD`` text as the content model's loader does; otherwise None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None
