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
