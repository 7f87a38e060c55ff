"""Booking use cases: book a vetted request into a room and time, move it, release it.

Every booking goes through ``irsuite.cases.requests.services.schedule_request`` (which moves
the request to "scheduled"); its schedule hook, ``reserve_room`` below, writes the Booking row
in the same transaction. The database refuses overlaps (see ``overlap_sql``); the domain
conflict check runs first so the user reads which of room, patient or operator is taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth.models import User as DjangoUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.requests.services import note_in_history, schedule_request, transition
from irsuite.domain.booking import BookedSlot, Span, find_conflicts
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability
from irsuite.people.models import Room, Staff
from irsuite.people.roles import OPERATOR_ROLES, Capability
from irsuite.scheduling.booking.models import Booking, BookingKind, RequestNeeds
from irsuite.scheduling.booking.overlap_sql import overlap_kind
from irsuite.scheduling.booking.rooms import capabilities_of_room

User = UserLike

KIND_TEXT = {
    "room": "The room is already booked at that time.",
    "patient": "The patient already has a booking at that time.",
    "operator": "The operator is already booked at that time.",
}


@dataclass(frozen=True)
class Needs:
    """What the booking being made carries beyond room and time."""

    operator: Staff | None
    anaesthesia: bool
    kind: str = BookingKind.PLANNED


_pending: ContextVar[Needs | None] = ContextVar("irsuite_booking_needs", default=None)


@contextmanager
def _needs(needs: Needs) -> Iterator[None]:
    token = _pending.set(needs)
    try:
        yield
    finally:
        _pending.reset(token)


def anaesthesia_for(request: Request, extra: RequestNeeds | None) -> bool:
    """Whether to book anaesthesia: as the request's needs say, else as its procedure usually
    has."""
    if extra is not None and extra.anaesthesia is not None:
        return extra.anaesthesia
    return request.catalogue_entry.anaesthesia_usual


def minutes_for(request: Request, extra: RequestNeeds | None) -> int:
    """Minutes to book: the request's own length when set, else the catalogue default."""
    if extra is not None and extra.duration_min:
        return extra.duration_min
    return request.catalogue_entry.default_duration_min


def needs_of(request: Request) -> Needs:
    """The request's needs: its RequestNeeds where set, otherwise its catalogue entry's."""
    extra = RequestNeeds.objects.filter(request=request).select_related("operator").first()
    operator = extra.operator if extra else None
    return Needs(operator=operator, anaesthesia=anaesthesia_for(request, extra))


def duration_of(request: Request) -> int:
    """Minutes to book the request for."""
    return minutes_for(request, RequestNeeds.objects.filter(request=request).first())


def _slot(booking: Booking) -> BookedSlot:
    return BookedSlot(
        id=str(booking.pk),
        room=str(booking.room_id),
        patient=str(booking.patient_id),
        span=Span(booking.start, booking.end),
        operator=None if booking.operator_id is None else str(booking.operator_id),
    )


def check_conflicts(booking: Booking) -> None:
    """Raise Conflict naming what is taken when ``booking`` overlaps another one."""
    sharing = Q(room_id=booking.room_id) | Q(patient_id=booking.patient_id)
    if booking.operator_id is not None:
        sharing |= Q(operator_id=booking.operator_id)
    others = Booking.objects.filter(sharing, start__lt=booking.end, end__gt=booking.start)
    found = find_conflicts(_slot(booking), [_slot(b) for b in others.exclude(pk=booking.pk)])
    if found:
        kinds = sorted({c.kind.value for c in found})
        raise Conflict(
            " ".join(KIND_TEXT[k] for k in kinds) + " Choose another time or room.",
            {"conflicts": kinds, "with": sorted({int(c.other) for c in found})},
        )


def _save(booking: Booking) -> None:
    check_conflicts(booking)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:
        kind = overlap_kind(str(exc))
        if kind is None:
            raise
        raise Conflict(
            KIND_TEXT[kind] + " Someone booked it a moment ago; choose another time or room.",
            {"conflicts": [kind]},
        ) from exc


def reserve_room(
    request: Request, room: Room, start: dt.datetime, end: dt.datetime, user: User
) -> None:
    """Schedule hook: create or move the request's Booking (the database forbids overlaps).

    Whatever form or message books it, a request is booked only in a room of its own site.
    """
    if room.site_id != request.site_id:
        raise ValidationFailed(
            f"{room.name} is at another site; book the request in a room at {request.site.name}."
        )
    booking = Booking.objects.select_for_update().filter(request=request).first()
    needs = _pending.get()
    if needs is None:  # booked from elsewhere (the request page): keep what the booking had
        needs = _kept(booking) if booking is not None else needs_of(request)
    before = None
    if booking is None:
        created_by = user if isinstance(user, DjangoUser) else None
        booking = Booking(request=request, created_by=created_by)
    else:
        before = {"room": booking.room_id, "start": booking.start, "end": booking.end}
        booking.version += 1
        # A release by hand lets a booking be moved once; where it lands it is pinned again.
        booking.pin_released_at, booking.pin_released_by = None, None
    booking.kind = needs.kind
    booking.room, booking.patient_id = room, request.patient_id
    booking.start, booking.end = start, end
    booking.operator, booking.anaesthesia = needs.operator, needs.anaesthesia
    created = booking.pk is None
    _save(booking)
    record(
        user,
        AuditAction.CREATE if created else AuditAction.CHANGE,
        booking,
        patient_id=request.patient_id,
        before=before,
        after={"room": room.pk, "start": start, "end": end, "operator": booking.operator_id},
        summary=f"{request.accession_number} booked in {room.code}",
    )


def _kept(booking: Booking) -> Needs:
    return Needs(operator=booking.operator, anaesthesia=booking.anaesthesia, kind=booking.kind)


def release_booking(request: Request, to_status: str, user: User, reason: str) -> None:
    """Transition guard: a request going back to vetted or cancelled frees its time."""
    booking = Booking.objects.filter(request=request).first()
    if booking is None:
        return
    record(
        user,
        AuditAction.DELETE,
        booking,
        patient_id=request.patient_id,
        before={"room": booking.room_id, "start": booking.start, "end": booking.end},
        summary=f"{request.accession_number} booking released",
        reason=reason,
    )
    booking.delete()


def ensure_can_schedule(by: User) -> None:
    if not has_capability(by, Capability.SCHEDULE):
        raise NotAllowed("Your role cannot book cases. Ask a scheduler or an attending.")


def _check_room(request: Request, room: Room) -> None:
    needed = request.catalogue_entry.room_capability
    if needed not in capabilities_of_room(room):
        raise ValidationFailed(
            f"{room.name} cannot do {request.catalogue_entry.name}: it needs a room with "
            f"{needed}. Choose a room that has it."
        )
    if room.site_id != request.site_id:
        raise ValidationFailed("Book the request in a room of its own site.")


def _check_operator(operator: Staff | None) -> None:
    if operator is not None and operator.role not in OPERATOR_ROLES:
        raise ValidationFailed(f"{operator.display_name} is not an operator.")


def book(
    request: Request,
    *,
    room: Room,
    start: dt.datetime,
    by: User,
    operator: Staff | None = None,
    duration_min: int | None = None,
    anaesthesia: bool | None = None,
    kind: str = BookingKind.PLANNED,
    version: int | None = None,
    channel: str = "web",
    note: str = "",
) -> Booking:
    """Book a vetted request into a room at ``start`` (or move its booking there).

    The length is the request's own or its catalogue default; the request becomes scheduled.
    Raises Conflict when the room, the patient or the operator is taken at that time. The
    booking or the move is written in the request's history with ``note``.
    """
    ensure_can_schedule(by)
    _check_room(request, room)
    _check_operator(operator)
    if kind == BookingKind.PLANNED and request.status == RequestStatus.REQUESTED:
        raise Conflict("Only a vetted request can be booked; vet it first.")
    defaults = needs_of(request)
    needs = Needs(
        operator=operator or defaults.operator,
        anaesthesia=defaults.anaesthesia if anaesthesia is None else anaesthesia,
        kind=kind,
    )
    with transaction.atomic(), _needs(needs):
        current = Booking.objects.filter(request=request).first()
        if version is not None and current is not None and current.version != version:
            raise Conflict("Someone else moved this booking first. Reload and try again.")
        schedule_request(
            request,
            room=room,
            start=start,
            by=by,
            duration_min=duration_min or duration_of(request),
            channel=channel,
            note=note,
        )
        return Booking.objects.select_related("room", "operator", "request").get(request=request)


def move(
    booking: Booking,
    *,
    room: Room,
    start: dt.datetime,
    by: User,
    version: int | None = None,
    channel: str = "web",
    note: str = "",
) -> Booking:
    """Move a booking to another room or time, keeping its length, operator and kind."""
    return book(
        booking.request,
        room=room,
        start=start,
        by=by,
        operator=booking.operator,
        duration_min=booking.minutes,
        anaesthesia=booking.anaesthesia,
        kind=booking.kind,
        version=version,
        channel=channel,
        note=note,
    )


def add_on(
    request: Request,
    *,
    room: Room,
    start: dt.datetime | None,
    by: User,
    operator: Staff | None = None,
    channel: str = "web",
) -> Booking:
    """Book an emergency add-on now (or at ``start``), outside the planned lists if need be.

    An add-on that is still only requested is vetted on the spot by the booking attending.
    """
    ensure_can_schedule(by)
    if request.status == RequestStatus.REQUESTED:
        if not has_capability(by, Capability.VET_REQUEST):
            raise NotAllowed("An unvetted add-on must be vetted by an attending or fellow first.")
        request = transition(
            request, RequestStatus.VETTED, by=by, reason="Emergency add-on", channel=channel
        )
    when = start or timezone.now().replace(second=0, microsecond=0)
    return book(
        request,
        room=room,
        start=when,
        by=by,
        operator=operator,
        kind=BookingKind.ADD_ON,
        channel=channel,
        note="Emergency add-on.",
    )


def unbook(booking: Booking, *, by: User, reason: str = "", channel: str = "web") -> Request:
    """Take a booked request off the calendar; it goes back to the vetted backlog."""
    ensure_can_schedule(by)
    return transition(
        booking.request,
        RequestStatus.VETTED,
        by=by,
        reason=reason or "Taken off the calendar",
        channel=channel,
    )


def release_pin(booking: Booking, *, by: User, reason: str, channel: str = "web") -> Booking:
    """Let auto-schedule proposals move a pinned booking (an add-on, or one with its operator)
    once: the scheduler's decision, with the reason, goes in the request's history."""
    ensure_can_schedule(by)
    if not reason.strip():
        raise ValidationFailed("Say why the booking may be moved by a proposal.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("request").get(pk=booking.pk)
        if not booking.pinned:
            raise Conflict("This booking is not pinned: proposals may already move it.")
        booking.pin_released_at = timezone.now()
        booking.pin_released_by = by if isinstance(by, DjangoUser) else None
        booking.save(update_fields=["pin_released_at", "pin_released_by", "updated_at"])
        record(
            by,
            AuditAction.CHANGE,
            booking,
            patient_id=booking.patient_id,
            before={"pinned": True},
            after={"pinned": False},
            reason=reason,
            summary=f"{booking.request.accession_number} booking released for rescheduling",
            channel=channel,
        )
        note_in_history(
            booking.request,
            by=by,
            text=f"Booking released by hand for rescheduling: {reason.strip()}",
        )
    return booking
