"""Value types of the on-call roster: call types, staff, rules, history and the problem itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class DaySet(StrEnum):
    """Which days of the period a call type covers.

    Weekdays are Monday to Friday, weekends Saturday and Sunday; a holiday is neither
    (it belongs only to ``HOLIDAYS``), so the three sets partition the period.
    """

    ALL = "all"
    WEEKNIGHTS = "weeknights"
    WEEKENDS = "weekends"
    HOLIDAYS = "holidays"


class CallKind(StrEnum):
    """Whether a call type is the first or the second person called."""

    PRIMARY = "primary"
    BACKUP = "backup"


class Role(StrEnum):
    """Roles that can take call."""

    ATTENDING = "attending"
    FELLOW = "fellow"
    RESIDENT = "resident"
    APP = "app"
    NURSE = "nurse"
    TECHNOLOGIST = "technologist"


TRAINEE_ROLES: frozenset[Role] = frozenset({Role.FELLOW, Role.RESIDENT})


class FairnessKind(StrEnum):
    """The kinds of duty shared out fairly (``DUTIES`` counts every duty)."""

    DUTIES = "duties"
    NIGHTS = "nights"
    WEEKENDS = "weekends"
    HOLIDAYS = "holidays"


class RuleGroup(StrEnum):
    """Groups of hard rules, used to name what a roster or a swap breaks."""

    COVERAGE = "coverage"
    ROLE = "role"
    LEAVE = "leave"
    ONE_DUTY_PER_DAY = "one_duty_per_day"
    NO_DUTY_AFTER_NIGHT = "no_duty_after_night"
    MAX_CONSECUTIVE = "max_consecutive"
    MIN_REST = "min_rest_days"
    MAX_PER_MONTH = "max_per_month"
    PAIRING = "pair_trainee_with_attending"


class Status(StrEnum):
    """Outcome of a solve."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CallType:
    """One kind of duty to cover, ``needs`` people a day on the days it applies."""

    name: str
    days: DaySet
    needs: int
    roles: frozenset[Role]
    night: bool = False
    site: str | None = None
    kind: CallKind = CallKind.PRIMARY


@dataclass(frozen=True)
class Staff:
    """A person who can take call; ``fte`` is in (0, 1]."""

    id: str
    role: Role
    fte: float = 1.0
    leave: frozenset[date] = frozenset()
    prefers_off: frozenset[date] = frozenset()

    @property
    def fte_hundredths(self) -> int:
        """FTE as a whole number of hundredths (1.0 is 100), at least 1."""
        return max(1, round(self.fte * 100))


@dataclass(frozen=True)
class Rules:
    """Hard rules; ``None`` or 0 switches a limit off."""

    no_duty_after_night: bool = True
    max_consecutive: int | None = None
    max_per_month: int | None = None
    min_rest_days: int = 0
    pair_trainee_with_attending: bool = False


@dataclass(frozen=True)
class History:
    """Duties each person already did before the period, per fairness kind."""

    counts: Mapping[FairnessKind, Mapping[str, int]] = field(default_factory=dict)

    def of(self, kind: FairnessKind, staff_id: str) -> int:
        """Earlier duties of ``kind`` done by ``staff_id`` (0 when unknown)."""
        return self.counts.get(kind, {}).get(staff_id, 0)


@dataclass(frozen=True)
class RosterProblem:
    """A validated roster problem."""

    start: date
    end: date
    call_types: tuple[CallType, ...]
    staff: tuple[Staff, ...]
    holidays: frozenset[date] = frozenset()
    rules: Rules = Rules()
    history: History = History()

    def staff_by_id(self) -> dict[str, Staff]:
        """Staff indexed by id."""
        return {s.id: s for s in self.staff}

    def call_type(self, name: str) -> CallType:
        """The call type called ``name`` (KeyError if none)."""
        for ct in self.call_types:
            if ct.name == name:
                return ct
        raise KeyError(name)


@dataclass(frozen=True, order=True)
class Assignment:
    """One person on one call type on one day."""

    day: date
    call_type: str
    staff: str


@dataclass(frozen=True, order=True)
class Violation:
    """A hard rule a roster breaks, with the date, person and call type it concerns."""

    rule: RuleGroup
    day: date | None
    staff: str | None
    call_type: str | None
    message: str
