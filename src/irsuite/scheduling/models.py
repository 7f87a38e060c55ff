"""Rooms' availability and bookings, calendar feeds and on-call rosters."""

from irsuite.scheduling.autoschedule.models import ProposalStatus, ScheduleProposal
from irsuite.scheduling.booking.models import (
    AnaesthesiaSession,
    Booking,
    BookingKind,
    Capability,
    OpeningHours,
    OperatorSession,
    RecurringBlock,
    RequestNeeds,
    RoomCapability,
    Weekday,
    WeeklyWindow,
)
from irsuite.scheduling.feeds.models import FeedKey, FeedKind
from irsuite.scheduling.leave.models import LeaveKind, LeaveRequest
from irsuite.scheduling.roster.models import (
    AssignmentSource,
    CallDays,
    CallKind,
    CallType,
    PeriodStatus,
    RosterAssignment,
    RosterPeriod,
)
from irsuite.scheduling.swaps.models import SwapRequest, SwapStatus

__all__ = [
    "AnaesthesiaSession",
    "AssignmentSource",
    "Booking",
    "BookingKind",
    "CallDays",
    "CallKind",
    "CallType",
    "Capability",
    "FeedKey",
    "FeedKind",
    "LeaveKind",
    "LeaveRequest",
    "OpeningHours",
    "OperatorSession",
    "PeriodStatus",
    "ProposalStatus",
    "RecurringBlock",
    "RequestNeeds",
    "RoomCapability",
    "RosterAssignment",
    "RosterPeriod",
    "ScheduleProposal",
    "SwapRequest",
    "SwapStatus",
    "Weekday",
    "WeeklyWindow",
]
