"""Does a booking collide with another one in the same room, for the same patient or operator?"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from irsuite.domain.booking.model import BookedSlot, Span


class ConflictKind(enum.StrEnum):
    """What two overlapping bookings share."""

    ROOM = "room"
    PATIENT = "patient"
    OPERATOR = "operator"


CONFLICT_TEXT: dict[ConflictKind, str] = {
    ConflictKind.ROOM: "The room is already booked at that time.",
    ConflictKind.PATIENT: "The patient already has a booking at that time.",
    ConflictKind.OPERATOR: "The operator is already booked at that time.",
}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One clash between the booking being checked and an existing one."""

    kind: ConflictKind
    other: str

    @property
    def explanation(self) -> str:
        """The clash in words (never names the patient)."""
        return CONFLICT_TEXT[self.kind]


def overlaps(a: Span, b: Span) -> bool:
    """True when the half-open spans share time; back-to-back bookings do not overlap."""
    return a.start < b.end and b.start < a.end


def shared(candidate: BookedSlot, other: BookedSlot) -> list[ConflictKind]:
    """What ``candidate`` and ``other`` have in common, whatever their times."""
    kinds: list[ConflictKind] = []
    if candidate.room == other.room:
        kinds.append(ConflictKind.ROOM)
    if candidate.patient == other.patient:
        kinds.append(ConflictKind.PATIENT)
    if candidate.operator is not None and candidate.operator == other.operator:
        kinds.append(ConflictKind.OPERATOR)
    return kinds


def find_conflicts(candidate: BookedSlot, existing: Iterable[BookedSlot]) -> list[Conflict]:
    """Every clash of ``candidate`` with ``existing`` bookings, room first, in input order.

    A booking with the candidate's own id is the one being moved and is ignored.
    """
    found: list[Conflict] = []
    for other in existing:
        if other.id == candidate.id or not overlaps(candidate.span, other.span):
            continue
        found.extend(Conflict(kind, other.id) for kind in shared(candidate, other))
    return sorted(found, key=lambda c: list(ConflictKind).index(c.kind))
