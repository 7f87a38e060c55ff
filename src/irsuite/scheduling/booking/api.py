"""Bookings API: list, book, move and release bookings; room worklists."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import StrictInt

from irsuite.apiutil import page
from irsuite.bounds import (
    BodyId,
    BodyInt,
    DbId,
    EventTime,
    Flag,
    Input,
    Limit,
    Offset,
    QueryDate,
    QueryTime,
)
from irsuite.cases import reference
from irsuite.cases.models import Request
from irsuite.people.access import allow
from irsuite.people.models import Room, Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.booking import calendar, services
from irsuite.scheduling.booking.models import Booking, BookingKind

router = Router(tags=["bookings"])
C = Capability
DURATION = reference.duration_min()


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


class BookingIn(Input):
    request: BodyId
    room: BodyId
    start: EventTime
    operator: BodyId | None = None
    duration_min: StrictInt | None = Field(None, ge=DURATION.low, le=DURATION.high)
    anaesthesia: Flag | None = None
    add_on: Flag = False


class MoveIn(Input):
    room: BodyId
    start: EventTime
    version: BodyInt | None = None


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


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related("request__catalogue_entry", "room")


@router.get("/bookings", response=BookingPage)
@allow(C.VIEW_WORKLIST, C.SCHEDULE)
def list_bookings(
    request: HttpRequest,
    site: str | None = None,
    room: DbId | None = None,
    start: QueryTime | None = None,
    end: QueryTime | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> BookingPage:
    """Bookings overlapping [start, end) (default: the coming 7 days), by site or room."""
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
@allow(C.SCHEDULE)
def create_booking(request: HttpRequest, payload: BookingIn) -> tuple[int, BookingOut]:
    """Book a vetted request (or an emergency add-on) into a room at a time."""
    item = get_object_or_404(Request, pk=payload.request)
    room = get_object_or_404(Room, pk=payload.room)
    operator = get_object_or_404(Staff, pk=payload.operator) if payload.operator else None
    if payload.add_on:
        booking = services.add_on(
            item,
            room=room,
            start=payload.start,
            by=request.user,
            operator=operator,
            channel="api",
        )
    else:
        booking = services.book(
            item,
            room=room,
            start=payload.start,
            by=request.user,
            operator=operator,
            duration_min=payload.duration_min,
            anaesthesia=payload.anaesthesia,
            kind=BookingKind.PLANNED,
            channel="api",
        )
    return 201, booking_out(booking)


@router.get("/bookings/{booking_id}", response=BookingOut)
@allow(C.VIEW_WORKLIST, C.SCHEDULE)
def get_booking(request: HttpRequest, booking_id: DbId) -> BookingOut:
    return booking_out(get_object_or_404(_bookings(), pk=booking_id))


@router.post("/bookings/{booking_id}/move", response=BookingOut)
@allow(C.SCHEDULE)
def move_booking(request: HttpRequest, booking_id: DbId, payload: MoveIn) -> BookingOut:
    """Move a booking; send the version you read to refuse a stale move."""
    booking = get_object_or_404(_bookings(), pk=booking_id)
    room = get_object_or_404(Room, pk=payload.room)
    moved = services.move(
        booking,
        room=room,
        start=payload.start,
        by=request.user,
        version=payload.version,
        channel="api",
    )
    return booking_out(moved)


@router.delete("/bookings/{booking_id}", response={204: None})
@allow(C.SCHEDULE)
def delete_booking(request: HttpRequest, booking_id: DbId) -> tuple[int, None]:
    """Take a booking off the calendar; the request goes back to the vetted backlog."""
    booking = get_object_or_404(_bookings(), pk=booking_id)
    services.unbook(booking, by=request.user, channel="api")
    return 204, None


@router.get("/rooms/{room_id}/worklist", response=list[BookingOut])
@allow(C.VIEW_WORKLIST, C.SCHEDULE)
def room_worklist(
    request: HttpRequest, room_id: DbId, day: QueryDate | None = None
) -> list[BookingOut]:
    """A room's bookings of the day, in order."""
    room = get_object_or_404(Room, pk=room_id)
    return [booking_out(b) for b in calendar.room_day(room, day or timezone.localdate())]
