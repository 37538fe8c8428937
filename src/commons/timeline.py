"""The programmes timeline: each programme's period placed on one time axis.

Positions are percentages of the axis, computed here so that the template
draws bars with plain HTML and CSS, without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Period, Resource


@dataclass(frozen=True)
class TimelineBar:
    programme: Resource
    start: int
    end: int | None  # None: still running
    left: float  # percent of the axis
    width: float  # percent of the axis

    @property
    def label(self) -> str:
        return Period(self.start, self.end).label


@dataclass(frozen=True)
class TimelineTick:
    """The start of one year on the axis, and whether its label shows."""

    year: int
    left: float  # percent of the axis where the year begins
    width: float  # percent of the axis one year spans
    labelled: bool  # every other year on a wide screen
    labelled_narrow: bool  # round years only, where a year is a few pixels wide


@dataclass(frozen=True)
class Timeline:
    first_year: int
    last_year: int
    bars: tuple[TimelineBar, ...]
    ticks: tuple[TimelineTick, ...]


def timeline(programmes: list[Resource], current_year: int) -> Timeline:
    """Place ``programmes`` (with a period) between their first and last year.

    A year is a span: a programme of 2011–2014 covers four years of the axis,
    and one still running reaches the end of ``current_year``.
    """
    with_period = [p for p in programmes if p.period]
    if not with_period:
        return Timeline(current_year, current_year, (), ())
    first = min(p.period.start for p in with_period if p.period)
    last = max(max(p.period.end or current_year, p.period.start) for p in with_period if p.period)
    span = last + 1 - first

    def percent(year: int) -> float:
        return round(100 * (year - first) / span, 3)

    bars = tuple(
        TimelineBar(
            programme=p,
            start=p.period.start,
            end=p.period.end,
            left=percent(p.period.start),
            width=percent((p.period.end or last) + 1) - percent(p.period.start),
        )
        for p in with_period
        if p.period
    )
    ticks = tuple(
        TimelineTick(
            year=year,
            left=percent(year),
            width=percent(year + 1) - percent(year),
            labelled=(year - first) % 2 == 0,
            labelled_narrow=year % 5 == 0,
        )
        for year in range(first, last + 1)
    )
    return Timeline(first, last, bars, ticks)
