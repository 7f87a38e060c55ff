"""Propose a week for a site with the CP-SAT auto-scheduler, then book what the scheduler accepts.

Reads rooms, opening hours, service lists, anaesthesia and operator sessions and the bookings
already made; turns the vetted backlog into the domain's requests; stores the proposal so the
scheduler can review, edit and accept it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User as DjangoUser
from django.db import transaction
from django.utils import timezone

from irsuite.cases.models import Request, RequestStatus
from irsuite.domain import booking as domain
from irsuite.errors import Conflict, ServiceError, ValidationFailed
from irsuite.people.access import UserLike
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.scheduling.autoschedule.models import ProposalStatus, ScheduleProposal
from irsuite.scheduling.booking.models import (
    AnaesthesiaSession,
    Booking,
    OpeningHours,
    OperatorSession,
    RecurringBlock,
    RequestNeeds,
    WeeklyWindow,
)
from irsuite.scheduling.booking.rooms import capabilities_of_room
from irsuite.scheduling.booking.services import (
    anaesthesia_for,
    book,
    ensure_can_schedule,
    minutes_for,
)
from irsuite.scheduling.reference import scheduling_reference

User = UserLike

# A request without a due date is planned as if due this long after it was made.
DEFAULT_DUE = dt.timedelta(days=42)

# The solver time a scheduler may give a week's proposal, in seconds.
MIN_TIME_LIMIT_S, DEFAULT_TIME_LIMIT_S, MAX_TIME_LIMIT_S = 1, 10, 60
# CP-SAT workers of a proposal (two suit the machines irsuite runs on).
SOLVER_WORKERS = 2


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


def _booked(site: Site, start: dt.datetime) -> tuple[domain.BookedSlot, ...]:
    """Every booking in the week: the site's rooms, and patients and operators wherever
    they are booked."""
    end = start + dt.timedelta(days=7)
    rows = Booking.objects.filter(start__lt=end, end__gt=start)
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
        booked=_booked(site, local_monday(monday)),
        not_before=timezone.localtime(not_before) if not_before else None,
    )


def backlog(site: Site) -> list[domain.Request]:
    """The site's vetted requests not yet booked, with their needs."""
    requests = (
        Request.objects.filter(site=site, status=RequestStatus.VETTED, booking__isnull=True)
        .select_related("catalogue_entry")
        .order_by("requested_at")
    )
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
            )
        )
    return out


def _stored(proposal: domain.Proposal) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    placements = [
        {
            "request": int(p.request),
            "room": int(p.room),
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "on_time": p.on_time,
        }
        for p in proposal.placements
    ]
    unscheduled: list[dict[str, object]] = [
        {"request": int(u.request), "reason": u.reason.value, "text": u.explanation}
        for u in proposal.unscheduled
    ]
    return placements, unscheduled


def propose(
    site: Site,
    monday: dt.date,
    *,
    by: User,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    workers: int = SOLVER_WORKERS,
) -> ScheduleProposal:
    """Run the auto-scheduler on the site's vetted backlog and keep its proposal.

    One worker searches the same way on every run; more find a good week sooner.
    """
    ensure_can_schedule(by)
    if monday.weekday() != 0:
        raise ValidationFailed("A proposal covers a week: choose a Monday.")
    # OR-Tools takes seconds to import: only the processes that solve a week pay for it.
    from irsuite.domain.booking.cpsat import SolverOptions, propose_week

    now = timezone.now()
    resources = week_resources(site, monday, not_before=now)
    options = SolverOptions(time_limit_s=time_limit_s, workers=workers)
    proposal = propose_week(backlog(site), resources, scheduling_reference(), options)
    placements, unscheduled = _stored(proposal)
    return ScheduleProposal.objects.create(
        site=site,
        week_start=monday,
        created_by=by if isinstance(by, DjangoUser) else None,
        solver_status=proposal.status.value,
        value=proposal.value,
        bound=proposal.bound,
        wall_time_s=proposal.wall_time_s,
        placements=placements,
        unscheduled=unscheduled,
    )


@dataclass(frozen=True)
class Accepted:
    """One placement the scheduler accepted, possibly edited (room, start)."""

    request: int
    room: int
    start: dt.datetime


@dataclass(frozen=True)
class ApplyResult:
    booked: list[Booking]
    refused: list[tuple[int, str]]


def apply_proposal(
    proposal: ScheduleProposal, accepted: Sequence[Accepted], *, by: User
) -> ApplyResult:
    """Book each accepted placement; one that no longer fits is reported, not forced."""
    ensure_can_schedule(by)
    if proposal.status != ProposalStatus.OPEN:
        raise Conflict("This proposal was already applied or discarded; run a new one.")
    booked: list[Booking] = []
    refused: list[tuple[int, str]] = []
    rooms = {r.pk: r for r in Room.objects.filter(site=proposal.site)}
    for item in accepted:
        request = Request.objects.filter(pk=item.request, site=proposal.site).first()
        room = rooms.get(item.room)
        if request is None or room is None:
            refused.append((item.request, "The request or room is not part of this site."))
            continue
        try:
            with transaction.atomic():
                booked.append(book(request, room=room, start=item.start, by=by))
        except ServiceError as exc:
            refused.append((item.request, exc.message))
    proposal.status = ProposalStatus.APPLIED
    proposal.save(update_fields=["status"])
    return ApplyResult(booked, refused)


def discard_proposal(proposal: ScheduleProposal, *, by: User) -> ScheduleProposal:
    """Set a proposal aside without booking any of it."""
    ensure_can_schedule(by)
    proposal.status = ProposalStatus.DISCARDED
    proposal.save(update_fields=["status"])
    return proposal
