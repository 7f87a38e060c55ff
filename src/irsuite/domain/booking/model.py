"""What the auto-scheduler works on: requests waiting for a slot, the week's resources, the answer.

Times are wall-clock datetimes of one site (all naive, or all with the same ``tzinfo``).
Inside the solver they become whole minutes from the start of the week.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Priority(enum.StrEnum):
    """How soon a vetted request must be done (the vetting radiologist's triage)."""

    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENT = "emergent"


class RoomCapability(enum.StrEnum):
    """What a suite must have for a procedure (the catalogue's ``room_capability``)."""

    ANGIO = "angio"
    FLUOROSCOPY = "fluoroscopy"
    CT = "ct"
    US = "us"


class UnscheduledReason(enum.StrEnum):
    """Why a request is not in the proposal, checked in this order."""

    NO_CAPABLE_ROOM = "no_capable_room"
    NO_OPEN_TIME = "no_open_time"
    AFTER_DUE_DATE = "after_due_date"
    RESERVED_FOR_ANOTHER_SERVICE = "reserved_for_another_service"
    NO_ANAESTHESIA_SESSION = "no_anaesthesia_session"
    OPERATOR_UNAVAILABLE = "operator_unavailable"
    NO_CAPACITY = "no_capacity"


REASON_TEXT: dict[UnscheduledReason, str] = {
    UnscheduledReason.NO_CAPABLE_ROOM: "No room has the capability this procedure needs.",
    UnscheduledReason.NO_OPEN_TIME: "No room opening this week is long enough for the case.",
    UnscheduledReason.AFTER_DUE_DATE: (
        "No room time this week ends by the case's due date: book it by hand, or agree a new "
        "date with the referrer."
    ),
    UnscheduledReason.RESERVED_FOR_ANOTHER_SERVICE: (
        "The only time long enough is reserved for another service's list."
    ),
    UnscheduledReason.NO_ANAESTHESIA_SESSION: (
        "The case needs anaesthesia and no anaesthesia session is long enough."
    ),
    UnscheduledReason.OPERATOR_UNAVAILABLE: (
        "The named operator is not available during any suitable room time."
    ),
    UnscheduledReason.NO_CAPACITY: "The suitable room time is taken by higher-value cases.",
}


class SolveStatus(enum.StrEnum):
    """How good the proposal is known to be."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    GREEDY = "greedy"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open stretch of time ``[start, end)``."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"a span must end after it starts ({self.start} to {self.end})")


@dataclass(frozen=True, slots=True)
class Request:
    """A vetted request waiting for a room and a time.

    ``due`` is the day it should be done by (placements after it earn only the late credit);
    ``latest``, when set, is the request's own due date: no placement may end after that day.
    """

    id: str
    patient: str
    priority: Priority
    due: date
    duration_min: int
    capability: RoomCapability
    anaesthesia: bool = False
    operator: str | None = None
    service: str | None = None
    latest: date | None = None

    def __post_init__(self) -> None:
        if self.duration_min <= 0:
            raise ValueError(f"request {self.id}: duration must be a positive number of minutes")


@dataclass(frozen=True, slots=True)
class Room:
    """A suite, what it can do, and when it is open this week."""

    id: str
    capabilities: frozenset[RoomCapability]
    open: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ReservedBlock:
    """Room time kept for one service's list (e.g. the oncology list on Tuesday morning)."""

    room: str
    service: str
    span: Span


@dataclass(frozen=True, slots=True)
class AnaesthesiaSession:
    """Time when an anaesthesia team is with a room."""

    room: str
    span: Span


@dataclass(frozen=True, slots=True)
class OperatorAvailability:
    """When a named operator can work in the suites this week."""

    operator: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class BookedSlot:
    """A booking that already exists (or one being checked): who and what it occupies."""

    id: str
    room: str
    patient: str
    span: Span
    operator: str | None = None


@dataclass(frozen=True, slots=True)
class WeekResources:
    """Everything the scheduler may use in one week, and what is already taken."""

    start: datetime
    rooms: tuple[Room, ...]
    blocks: tuple[ReservedBlock, ...] = ()
    anaesthesia: tuple[AnaesthesiaSession, ...] = ()
    operators: tuple[OperatorAvailability, ...] = ()
    booked: tuple[BookedSlot, ...] = ()
    not_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """One request placed in a room at a time."""

    request: str
    room: str
    start: datetime
    end: datetime
    on_time: bool


@dataclass(frozen=True, slots=True)
class Unscheduled:
    """A request left out of the proposal, with the reason."""

    request: str
    reason: UnscheduledReason

    @property
    def explanation(self) -> str:
        """The reason in words for the scheduler."""
        return REASON_TEXT[self.reason]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed week: placements, what was left out and why, and how good it is."""

    placements: tuple[Placement, ...]
    unscheduled: tuple[Unscheduled, ...]
    status: SolveStatus
    value: float
    bound: float
    wall_time_s: float
    notes: tuple[str, ...] = field(default=())
