"""Days of a roster period: which call types apply when, and which duties count as what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from irsuite.domain.roster.types import CallType, DaySet, FairnessKind, RosterProblem

SATURDAY = 5


def period(start: date, end: date) -> Iterator[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    for k in range((end - start).days + 1):
        yield start + timedelta(days=k)


def is_weekend(day: date, holidays: frozenset[date]) -> bool:
    """Saturday or Sunday that is not a holiday."""
    return day.weekday() >= SATURDAY and day not in holidays


def covers(days: DaySet, day: date, holidays: frozenset[date]) -> bool:
    """Whether a call type with day set ``days`` applies on ``day``."""
    if days is DaySet.ALL:
        return True
    if days is DaySet.HOLIDAYS:
        return day in holidays
    if days is DaySet.WEEKENDS:
        return is_weekend(day, holidays)
    return day.weekday() < SATURDAY and day not in holidays


def days_of(days: DaySet, start: date, end: date, holidays: frozenset[date]) -> list[date]:
    """The days from ``start`` to ``end`` a day set covers."""
    return [d for d in period(start, end) if covers(days, d, holidays)]


def kinds_of(call_type: CallType, day: date, holidays: frozenset[date]) -> frozenset[FairnessKind]:
    """The fairness kinds a duty of ``call_type`` on ``day`` counts towards."""
    kinds: set[FairnessKind] = {FairnessKind.DUTIES}
    if call_type.night:
        kinds.add(FairnessKind.NIGHTS)
    if is_weekend(day, holidays):
        kinds.add(FairnessKind.WEEKENDS)
    if day in holidays:
        kinds.add(FairnessKind.HOLIDAYS)
    return frozenset(kinds)


@dataclass(frozen=True)
class Slot:
    """A call type on one day, to be filled by ``call_type.needs`` people."""

    day: date
    call_type: CallType
    kinds: frozenset[FairnessKind]


def slots(problem: RosterProblem) -> list[Slot]:
    """All slots of the period, by day then by call-type order."""
    out: list[Slot] = []
    for day in period(problem.start, problem.end):
        for ct in problem.call_types:
            if covers(ct.days, day, problem.holidays):
                out.append(Slot(day, ct, kinds_of(ct, day, problem.holidays)))
    return out


def month_key(day: date) -> tuple[int, int]:
    """(year, month) of a day."""
    return (day.year, day.month)
