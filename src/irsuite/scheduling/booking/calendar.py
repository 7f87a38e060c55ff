"""What the day and week calendars show: rooms, their hours, and the bookings laid out on a grid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from irsuite.people.models import Room, Site
from irsuite.scheduling.booking.models import Booking, OpeningHours, RecurringBlock

SLOT_MIN = 15
DAY_FIRST_HOUR, DAY_LAST_HOUR = 7, 20


def local(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware local datetime on ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def bookings_between(rooms: list[Room], start: dt.datetime, end: dt.datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(room__in=rooms, start__lt=end, end__gt=start)
        .select_related("request__catalogue_entry", "patient", "operator", "room")
        .order_by("start")
    )


@dataclass
class Placed:
    """A booking on the day grid: column and rows (CSS grid lines start at 1)."""

    booking: Booking
    column: int
    row: int
    span: int


@dataclass
class DayGrid:
    day: dt.date
    rooms: list[Room]
    slots: list[tuple[int, str]]
    placed: list[Placed] = field(default_factory=list)
    blocks: list[tuple[int, int, int, str]] = field(default_factory=list)


def _row(grid_start: dt.datetime, moment: dt.datetime, rows: int) -> int:
    minutes = (timezone.localtime(moment) - grid_start).total_seconds() / 60
    return int(max(0, min(rows, minutes // SLOT_MIN))) + 2


def day_grid(site: Site, day: dt.date) -> DayGrid:
    """The day's bookings per room on a 15-minute grid (row 1 is the rooms' header)."""
    rooms = list(Room.objects.filter(site=site, active=True))
    start, end = local(day, DAY_FIRST_HOUR), local(day, DAY_LAST_HOUR)
    rows = (DAY_LAST_HOUR - DAY_FIRST_HOUR) * 60 // SLOT_MIN
    slots = [
        (n + 2, (start + dt.timedelta(minutes=n * SLOT_MIN)).strftime("%H:%M")) for n in range(rows)
    ]
    grid = DayGrid(day=day, rooms=rooms, slots=slots)
    column = {room.pk: n + 2 for n, room in enumerate(rooms)}
    for booking in bookings_between(rooms, start, end):
        first = _row(start, booking.start, rows)
        grid.placed.append(
            Placed(
                booking,
                column[booking.room_id],
                first,
                max(1, _row(start, booking.end, rows) - first),
            )
        )
    for block in RecurringBlock.objects.filter(room__in=rooms, weekday=day.weekday()):
        first = _row(start, local(day, block.start.hour, block.start.minute), rows)
        last = _row(start, local(day, block.end.hour, block.end.minute), rows)
        grid.blocks.append(
            (column[block.room_id], first, last - first, block.label or block.service)
        )
    return grid


@dataclass
class WeekCell:
    room: Room
    day: dt.date
    bookings: list[Booking]
    open_hours: list[OpeningHours]


def week_rows(site: Site, monday: dt.date) -> tuple[list[dt.date], list[list[WeekCell]]]:
    """Per room, the week's days with their bookings and opening hours."""
    days = [monday + dt.timedelta(days=n) for n in range(7)]
    rooms = list(Room.objects.filter(site=site, active=True))
    bookings = list(bookings_between(rooms, local(days[0]), local(days[-1]) + dt.timedelta(days=1)))
    hours = list(OpeningHours.objects.filter(room__in=rooms))
    rows = [
        [
            WeekCell(
                room,
                day,
                [
                    b
                    for b in bookings
                    if b.room_id == room.pk and timezone.localdate(b.start) == day
                ],
                [h for h in hours if h.room_id == room.pk and h.weekday == day.weekday()],
            )
            for day in days
        ]
        for room in rooms
    ]
    return days, rows


def room_day(room: Room, day: dt.date) -> QuerySet[Booking]:
    """A room's bookings on ``day`` in order: its worklist."""
    return bookings_between([room], local(day), local(day) + dt.timedelta(days=1))
