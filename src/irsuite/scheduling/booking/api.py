"""Bookings API: list, book, move and release bookings; room worklists; auto-schedule proposals."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from irsuite.apiutil import ensure, page
from irsuite.cases.models import Request
from irsuite.errors import ValidationFailed
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.autoschedule import services as autoschedule
from irsuite.scheduling.booking import calendar, services
from irsuite.scheduling.http import actor
from irsuite.scheduling.models import Booking, BookingKind, ScheduleProposal

router = Router(tags=["bookings"])
C = Capability


class BookingOut(Schema):
    id: int
    request: int
    accession_number: str
    procedure: str
    priority: str
    room: int
    room_name: str
    start: dt.datetime
    end: dt.datetime
    operator: int | None
    anaesthesia: bool
    kind: str
    version: int


class BookingPage(Schema):
    items: list[BookingOut]
    count: int


class BookingIn(Schema):
    request: int
    room: int
    start: dt.datetime
    operator: int | None = None
    duration_min: int | None = None
    anaesthesia: bool | None = None
    add_on: bool = False


class MoveIn(Schema):
    room: int
    start: dt.datetime
    version: int | None = None


class ProposeIn(Schema):
    site: str
    week_start: dt.date
    time_limit_s: float = 10.0


class PlacementOut(Schema):
    request: int
    room: int
    start: dt.datetime
    end: dt.datetime
    on_time: bool


class UnscheduledOut(Schema):
    request: int
    reason: str
    text: str


class ProposalOut(Schema):
    id: int
    site: str
    week_start: dt.date
    status: str
    solver_status: str
    value: float
    bound: float
    wall_time_s: float
    placements: list[PlacementOut]
    unscheduled: list[UnscheduledOut]


class AcceptIn(Schema):
    request: int
    room: int
    start: dt.datetime


class ApplyIn(Schema):
    items: list[AcceptIn]


class ApplyOut(Schema):
    booked: list[BookingOut]
    refused: list[dict[str, object]]


def booking_out(b: Booking) -> BookingOut:
    entry = b.request.catalogue_entry
    return BookingOut(
        id=b.pk,
        request=b.request_id,
        accession_number=b.request.accession_number,
        procedure=entry.code,
        priority=b.request.priority,
        room=b.room_id,
        room_name=b.room.name,
        start=b.start,
        end=b.end,
        operator=b.operator_id,
        anaesthesia=b.anaesthesia,
        kind=b.kind,
        version=b.version,
    )


def proposal_out(p: ScheduleProposal) -> ProposalOut:
    return ProposalOut(
        id=p.pk,
        site=p.site.code,
        week_start=p.week_start,
        status=p.status,
        solver_status=p.solver_status,
        value=p.value,
        bound=p.bound,
        wall_time_s=p.wall_time_s,
        placements=[PlacementOut(**x) for x in p.placements],
        unscheduled=[UnscheduledOut(**x) for x in p.unscheduled],
    )


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related("request__catalogue_entry", "room")


@router.get("/bookings", response=BookingPage)
def list_bookings(
    request: HttpRequest,
    site: str | None = None,
    room: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> BookingPage:
    """Bookings overlapping [start, end) (default: the coming 7 days), by site or room."""
    ensure(request, C.VIEW_WORKLIST, C.SCHEDULE)
    start = start or timezone.now()
    end = end or start + dt.timedelta(days=7)
    rows = _bookings().filter(start__lt=end, end__gt=start).order_by("start")
    if site:
        rows = rows.filter(room__site__code=site)
    if room:
        rows = rows.filter(room_id=room)
    items, count = page(rows, limit, offset)
    return BookingPage(items=[booking_out(b) for b in items], count=count)


@router.post("/bookings", response={201: BookingOut})
def create_booking(request: HttpRequest, payload: BookingIn) -> tuple[int, BookingOut]:
    """Book a vetted request (or an emergency add-on) into a room at a time."""
    ensure(request, C.SCHEDULE)
    item = get_object_or_404(Request, pk=payload.request)
    room = get_object_or_404(Room, pk=payload.room)
    operator = get_object_or_404(Staff, pk=payload.operator) if payload.operator else None
    if payload.add_on:
        booking = services.add_on(
            item,
            room=room,
            start=payload.start,
            by=actor(request),
            operator=operator,
            channel="api",
        )
    else:
        booking = services.book(
            item,
            room=room,
            start=payload.start,
            by=actor(request),
            operator=operator,
            duration_min=payload.duration_min,
            anaesthesia=payload.anaesthesia,
            kind=BookingKind.PLANNED,
            channel="api",
        )
    return 201, booking_out(booking)


@router.get("/bookings/{booking_id}", response=BookingOut)
def get_booking(request: HttpRequest, booking_id: int) -> BookingOut:
    ensure(request, C.VIEW_WORKLIST, C.SCHEDULE)
    return booking_out(get_object_or_404(_bookings(), pk=booking_id))


@router.post("/bookings/{booking_id}/move", response=BookingOut)
def move_booking(request: HttpRequest, booking_id: int, payload: MoveIn) -> BookingOut:
    """Move a booking; send the version you read to refuse a stale move."""
    ensure(request, C.SCHEDULE)
    booking = get_object_or_404(_bookings(), pk=booking_id)
    room = get_object_or_404(Room, pk=payload.room)
    moved = services.move(
        booking,
        room=room,
        start=payload.start,
        by=actor(request),
        version=payload.version,
        channel="api",
    )
    return booking_out(moved)


@router.delete("/bookings/{booking_id}", response={204: None})
def delete_booking(request: HttpRequest, booking_id: int) -> tuple[int, None]:
    """Take a booking off the calendar; the request goes back to the vetted backlog."""
    ensure(request, C.SCHEDULE)
    booking = get_object_or_404(_bookings(), pk=booking_id)
    services.unbook(booking, by=actor(request), channel="api")
    return 204, None


@router.get("/rooms/{room_id}/worklist", response=list[BookingOut])
def room_worklist(
    request: HttpRequest, room_id: int, day: dt.date | None = None
) -> list[BookingOut]:
    """A room's bookings of the day, in order."""
    ensure(request, C.VIEW_WORKLIST, C.SCHEDULE)
    room = get_object_or_404(Room, pk=room_id)
    return [booking_out(b) for b in calendar.room_day(room, day or timezone.localdate())]


@router.post("/proposals", response={201: ProposalOut})
def create_proposal(request: HttpRequest, payload: ProposeIn) -> tuple[int, ProposalOut]:
    """Run the auto-scheduler for a site's week (Monday) on its vetted backlog."""
    ensure(request, C.SCHEDULE)
    if not 1 <= payload.time_limit_s <= 60:
        raise ValidationFailed("time_limit_s must be between 1 and 60 seconds.")
    site = get_object_or_404(Site, code=payload.site)
    proposal = autoschedule.propose(
        site, payload.week_start, by=actor(request), time_limit_s=payload.time_limit_s
    )
    return 201, proposal_out(proposal)


@router.get("/proposals/{proposal_id}", response=ProposalOut)
def get_proposal(request: HttpRequest, proposal_id: int) -> ProposalOut:
    ensure(request, C.SCHEDULE)
    return proposal_out(
        get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=proposal_id)
    )


@router.post("/proposals/{proposal_id}/apply", response=ApplyOut)
def apply_proposal(request: HttpRequest, proposal_id: int, payload: ApplyIn) -> ApplyOut:
    """Book the accepted placements (as proposed or edited); refused ones say why."""
    ensure(request, C.SCHEDULE)
    proposal = get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=proposal_id)
    accepted = [autoschedule.Accepted(i.request, i.room, i.start) for i in payload.items]
    result = autoschedule.apply_proposal(proposal, accepted, by=actor(request))
    return ApplyOut(
        booked=[booking_out(b) for b in result.booked],
        refused=[{"request": pk, "reason": reason} for pk, reason in result.refused],
    )
