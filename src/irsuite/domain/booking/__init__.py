"""Suites, slots and bookings: the week's auto-scheduler and the booking conflict check.

The CP-SAT scheduler lives in `irsuite.domain.booking.cpsat` and is imported from there: OR-Tools
(with pandas) takes seconds to import, which every command and process start would pay.
"""

from irsuite.domain.booking.conflicts import Conflict, ConflictKind, find_conflicts, overlaps
from irsuite.domain.booking.greedy import greedy_week
from irsuite.domain.booking.model import (
    AnaesthesiaSession,
    BookedSlot,
    OperatorAvailability,
    Placement,
    Priority,
    Proposal,
    Request,
    ReservedBlock,
    Room,
    RoomCapability,
    SolveStatus,
    Span,
    Unscheduled,
    UnscheduledReason,
    WeekResources,
)
from irsuite.domain.booking.recurring import Weekday, WeeklyWindow, expand, monday_of, week_start
from irsuite.domain.booking.reference import SchedulingReference, parse_scheduling_reference

__all__ = [
    "AnaesthesiaSession",
    "BookedSlot",
    "Conflict",
    "ConflictKind",
    "OperatorAvailability",
    "Placement",
    "Priority",
    "Proposal",
    "Request",
    "ReservedBlock",
    "Room",
    "RoomCapability",
    "SchedulingReference",
    "SolveStatus",
    "Span",
    "Unscheduled",
    "UnscheduledReason",
    "WeekResources",
    "Weekday",
    "WeeklyWindow",
    "expand",
    "find_conflicts",
    "greedy_week",
    "monday_of",
    "overlaps",
    "parse_scheduling_reference",
    "week_start",
]
