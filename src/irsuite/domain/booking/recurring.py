"""Weekly patterns (opening hours, service lists, anaesthesia sessions) made concrete for a week."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from irsuite.domain.booking.model import Span


class Weekday(enum.IntEnum):
    """ISO weekdays counted from zero, as ``date.weekday()`` does."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


@dataclass(frozen=True, slots=True)
class WeeklyWindow:
    """The same hours on the same weekday every week (e.g. Tuesday 08:00-13:00)."""

    weekday: Weekday
    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"{self.weekday.name.title()}: the window must end after it starts")


def monday_of(day: date) -> date:
    """The Monday of the week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def week_start(day: date, tz: tzinfo | None = None) -> datetime:
    """Midnight on the Monday of ``day``'s week."""
    return datetime.combine(monday_of(day), time(0), tzinfo=tz)


def expand(
    windows: Iterable[WeeklyWindow],
    monday: date,
    tz: tzinfo | None = None,
    days: int = 7,
) -> tuple[Span, ...]:
    """The concrete spans of ``windows`` in the ``days`` days from ``monday``, in time order."""
    spans: list[Span] = []
    for offset in range(days):
        day = monday + timedelta(days=offset)
        for window in windows:
            if window.weekday == day.weekday():
                spans.append(
                    Span(
                        datetime.combine(day, window.start, tzinfo=tz),
                        datetime.combine(day, window.end, tzinfo=tz),
                    )
                )
    return tuple(sorted(spans, key=lambda s: s.start))
