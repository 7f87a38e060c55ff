"""Applying a stored proposal: each placement is checked again against the state of its request
now, compared with the state the proposal was computed from.

A proposal is a plan made at one moment. Between then and the moment a scheduler applies it, a
request may have been booked (an emergency add-on at night), moved, cancelled or given a due
date. Applying must move nothing that changed since without the scheduler confirming it, must
never move a pinned booking (an emergency add-on, or a booking with its operator assigned)
until someone releases it by hand, and must never book a case after its due date.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class Recheck(enum.StrEnum):
    """Why one placement of a proposal is not applied, checked in this order."""

    PINNED_ADD_ON = "pinned_add_on"
    PINNED_OPERATOR = "pinned_operator"
    IN_THE_PAST = "in_the_past"
    AFTER_DUE_DATE = "after_due_date"
    CHANGED_SINCE = "changed_since"


# The refusals a scheduler may override by confirming the placement; the others need a change
# first (release the pin by hand, choose another time).
CONFIRMABLE = frozenset({Recheck.CHANGED_SINCE})


@dataclass(frozen=True, slots=True)
class BookingState:
    """A request's booking as the proposal saw it or as it is now."""

    version: int
    add_on: bool = False
    operator: str | None = None
    released: bool = False

    @property
    def pinned(self) -> Recheck | None:
        """Why proposals must leave this booking where it is, or None when they may move it."""
        if self.released:
            return None
        if self.add_on:
            return Recheck.PINNED_ADD_ON
        if self.operator is not None:
            return Recheck.PINNED_OPERATOR
        return None


@dataclass(frozen=True, slots=True)
class RequestState:
    """What the proposal depends on in one request: its version, status and booking."""

    version: int
    status: str
    booking: BookingState | None = None

    def same_as(self, other: RequestState) -> bool:
        """Whether nothing the proposal relied on has changed between the two states."""
        mine = self.booking.version if self.booking else None
        theirs = other.booking.version if other.booking else None
        return (self.version, self.status, mine) == (other.version, other.status, theirs)


@dataclass(frozen=True, slots=True)
class Placing:
    """One placement about to be applied: when it would start, the local day it would end on,
    and the request's due date (None when the request has none)."""

    start: datetime
    ends_on: date
    due: date | None


def recheck(
    basis: RequestState | None,
    now: RequestState,
    placing: Placing,
    *,
    moment: datetime,
    confirmed: bool = False,
) -> Recheck | None:
    """Why this placement must not be applied now, or None when it may be.

    ``basis`` is the request's state when the proposal was computed (None when the proposal
    kept none: it counts as changed); ``moment`` is now; ``confirmed`` says the scheduler has
    seen that the request changed and books it anyway.
    """
    pinned = now.booking.pinned if now.booking is not None else None
    if pinned is not None:
        return pinned
    if placing.start < moment:
        return Recheck.IN_THE_PAST
    if placing.due is not None and placing.ends_on > placing.due:
        return Recheck.AFTER_DUE_DATE
    if (basis is None or not basis.same_as(now)) and not confirmed:
        return Recheck.CHANGED_SINCE
    return None
