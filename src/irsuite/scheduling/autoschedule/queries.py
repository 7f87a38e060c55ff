"""What the auto-scheduler reads: a site's week of rooms, lists, sessions and bookings, its
vetted backlog, and the state of each request and booking a proposal is computed from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils import timezone

from irsuite.cases.models import Request, RequestStatus
from irsuite.domain import booking as domain
from irsuite.domain.booking.recheck import BookingState, RequestState
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.scheduling.booking.models import (
    AnaesthesiaSession,
    Booking,
    BookingKind,
    OpeningHours,
    OperatorSession,
    RecurringBlock,
    RequestNeeds,
    WeeklyWindow,
)
from irsuite.scheduling.booking.rooms import capabilities_of_room
from irsuite.scheduling.booking.services import anaesthesia_for, minutes_for

# A request without a due date is planned as if due this long after it was made (a target for
# ordering the backlog; a request's own due date is a limit no proposal crosses).
DEFAULT_DUE = dt.timedelta(days=42)


def _windows(rows: Iterable[WeeklyWindow]) -> list[domain.WeeklyWindow]:
    return [domain.WeeklyWindow(domain.Weekday(r.weekday), r.start, r.end) for r in rows]


def _spans(rows: Iterable[WeeklyWindow], monday: dt.date) -> tuple[domain.Span, ...]:
    return domain.expand(_windows(rows), monday, tz=timezone.get_current_timezone())


def local_monday(monday: dt.date) -> dt.datetime:
    """Midnight at the start of the week, in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(monday, dt.time(0)))


def _rooms(site: Site, monday: dt.date) -> tuple[domain.Room, ...]:
    rooms = Room.objects.filter(site=site, active=True).prefetch_related("capabilities")
    return tuple(
        domain.Room(
            id=str(room.pk),
            capabilities=frozenset(domain.RoomCapability(c) for c in capabilities_of_room(room)),
            open=_spans(OpeningHours.objects.filter(room=room), monday),
        )
        for room in rooms
    )


def _operators(
    site: Site, monday: dt.date, rooms: Sequence[domain.Room]
) -> tuple[domain.OperatorAvailability, ...]:
    """Each operator's sessions; one without sessions may work whenever a room is open."""
    any_room_open = tuple(s for r in rooms for s in r.open)
    sessions: dict[int, list[OperatorSession]] = {}
    for row in OperatorSession.objects.filter(operator__site=site):
        sessions.setdefault(row.operator_id, []).append(row)
    staff = Staff.objects.filter(site=site, active=True, role__in=OPERATOR_ROLES)
    return tuple(
        domain.OperatorAvailability(
            str(s.pk),
            _spans(sessions[s.pk], monday) if s.pk in sessions else any_room_open,
        )
        for s in staff
    )


def week_bookings(start: dt.datetime) -> list[Booking]:
    """Every booking that overlaps the week starting at ``start``, at any site."""
    end = start + dt.timedelta(days=7)
    return list(Booking.objects.filter(start__lt=end, end__gt=start))


def _booked(rows: Iterable[Booking]) -> tuple[domain.BookedSlot, ...]:
    """The site's rooms, and patients and operators wherever they are booked."""
    return tuple(
        domain.BookedSlot(
            id=f"booking-{b.pk}",
            room=str(b.room_id),
            patient=str(b.patient_id),
            span=domain.Span(timezone.localtime(b.start), timezone.localtime(b.end)),
            operator=None if b.operator_id is None else str(b.operator_id),
        )
        for b in rows
    )


def week_resources(
    site: Site, monday: dt.date, not_before: dt.datetime | None
) -> domain.WeekResources:
    """Everything the auto-scheduler may use at ``site`` in the week starting ``monday``."""
    rooms = _rooms(site, monday)
    room_ids = [int(r.id) for r in rooms]
    return domain.WeekResources(
        start=local_monday(monday),
        rooms=rooms,
        blocks=tuple(
            domain.ReservedBlock(str(b.room_id), b.service, span)
            for b in RecurringBlock.objects.filter(room_id__in=room_ids)
            for span in _spans([b], monday)
        ),
        anaesthesia=tuple(
            domain.AnaesthesiaSession(str(a.room_id), span)
            for a in AnaesthesiaSession.objects.filter(room_id__in=room_ids)
            for span in _spans([a], monday)
        ),
        operators=_operators(site, monday, rooms),
        booked=_booked(week_bookings(local_monday(monday))),
        not_before=timezone.localtime(not_before) if not_before else None,
    )


def backlog_requests(site: Site) -> list[Request]:
    """The site's vetted requests not yet booked, oldest first."""
    return list(
        Request.objects.filter(site=site, status=RequestStatus.VETTED, booking__isnull=True)
        .select_related("catalogue_entry")
        .order_by("requested_at")
    )


def as_domain(requests: Sequence[Request]) -> list[domain.Request]:
    """The requests as the auto-scheduler sees them, with their needs; a request's own due
    date is the last day it may be done."""
    needs = {n.request_id: n for n in RequestNeeds.objects.filter(request__in=requests)}
    out = []
    for r in requests:
        entry, extra = r.catalogue_entry, needs.get(r.pk)
        out.append(
            domain.Request(
                id=str(r.pk),
                patient=str(r.patient_id),
                priority=domain.Priority(r.priority),
                due=r.due_date or timezone.localdate(r.requested_at) + DEFAULT_DUE,
                duration_min=minutes_for(r, extra),
                capability=domain.RoomCapability(entry.room_capability),
                anaesthesia=anaesthesia_for(r, extra),
                operator=str(extra.operator_id) if extra and extra.operator_id else None,
                service=(extra.service or None) if extra else None,
                latest=r.due_date,
            )
        )
    return out


def backlog(site: Site) -> list[domain.Request]:
    """The site's vetted requests not yet booked, with their needs."""
    return as_domain(backlog_requests(site))


def booking_state(booking: Booking | None) -> BookingState | None:
    """What a proposal needs to know of a booking: its version and whether it is pinned."""
    if booking is None:
        return None
    return BookingState(
        version=booking.version,
        add_on=booking.kind == BookingKind.ADD_ON,
        operator=None if booking.operator_id is None else str(booking.operator_id),
        released=booking.pin_released_at is not None,
    )


def request_state(request: Request, booking: Booking | None) -> RequestState:
    """The request's state as a proposal records it and compares it."""
    return RequestState(request.version, request.status, booking_state(booking))


def stored_state(state: RequestState) -> dict[str, object]:
    """A request's state as kept in a proposal's ``basis``."""
    booking = state.booking
    return {
        "version": state.version,
        "status": state.status,
        "booking": None if booking is None else booking.version,
    }


def read_state(stored: dict[str, object] | None) -> RequestState | None:
    """A request's state back from a proposal's ``basis`` (None when it kept none)."""
    if not stored:
        return None
    booking = stored.get("booking")
    return RequestState(
        version=int(str(stored["version"])),
        status=str(stored["status"]),
        booking=None if booking is None else BookingState(version=int(str(booking))),
    )


def basis_of(requests: Sequence[Request], week: Sequence[Booking]) -> dict[str, object]:
    """The state a proposal is computed from: each backlog request (none is booked yet) and
    the version of each booking of the week."""
    return {
        "requests": {str(r.pk): stored_state(request_state(r, None)) for r in requests},
        "bookings": {str(b.pk): b.version for b in week},
    }


def week_changes(basis: dict[str, object], monday: dt.date) -> int:
    """How many bookings of the week were made, moved or removed since ``basis``."""
    then = basis.get("bookings")
    if not isinstance(then, dict):
        return 0
    now = {str(b.pk): b.version for b in week_bookings(local_monday(monday))}
    return sum(1 for k in set(then) | set(now) if then.get(k) != now.get(k))
