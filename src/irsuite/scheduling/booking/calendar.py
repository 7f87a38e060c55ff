"""What the day and week calendars show: rooms, their hours, and the bookings laid out on a grid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from irsuite.people.models import Room, Site
from irsuite.scheduling.booking.models import Booking, OpeningHours, RecurringBlock
from irsuite.scheduling.booking.queries import patient_label

SLOT_MIN = 15
# The day calendar shows at least the working day; it grows to show every booking of the day,
# an add-on at 23:30 included.
DAY_FIRST_HOUR, DAY_LAST_HOUR = 7, 20

HOURS_IN_DAY = 24  # a clock fact, not a clinical number: hour 24 is the next midnight


def local(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware local datetime on ``day`` (hour 24 is the next midnight)."""
    if hour >= HOURS_IN_DAY:
        return local(day + dt.timedelta(days=1), hour - HOURS_IN_DAY, minute)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def bookings_between(rooms: list[Room], start: dt.datetime, end: dt.datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(room__in=rooms, start__lt=end, end__gt=start)
        .select_related("request__catalogue_entry", "patient", "operator", "room__site")
        .prefetch_related("patient__identifiers")
        .order_by("start")
    )


def labelled(bookings: Iterable[Booking]) -> list[Booking]:
    """The bookings, each with ``patient_label``: the patient's name and MRN at its site."""
    out = list(bookings)
    for b in out:
        b.patient_label = patient_label(b.patient, b.room.site)  # type: ignore[attr-defined]
    return out


def day_hours(bookings: Iterable[Booking], day: dt.date) -> tuple[int, int]:
    """The first and last hour of the day grid: the working day, widened to every booking."""
    first, last = DAY_FIRST_HOUR, DAY_LAST_HOUR
    start, end = local(day), local(day, HOURS_IN_DAY)
    for b in bookings:
        begins = max(timezone.localtime(b.start), start)
        ends = min(timezone.localtime(b.end), end)
        first = min(first, begins.hour)
        last = max(last, HOURS_IN_DAY if ends == end else ends.hour + (1 if ends.minute else 0))
    return first, last


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
    """Every booking of the day per room on a 15-minute grid (row 1 is the rooms' header)."""
    rooms = list(Room.objects.filter(site=site, active=True))
    bookings = labelled(bookings_between(rooms, local(day), local(day, HOURS_IN_DAY)))
    first_hour, last_hour = day_hours(bookings, day)
    start = local(day, first_hour)
    rows = (last_hour - first_hour) * 60 // SLOT_MIN
    slots = [
        (n + 2, (start + dt.timedelta(minutes=n * SLOT_MIN)).strftime("%H:%M")) for n in range(rows)
    ]
    grid = DayGrid(day=day, rooms=rooms, slots=slots)
    column = {room.pk: n + 2 for n, room in enumerate(rooms)}
    for booking in bookings:
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
    bookings = labelled(bookings_between(rooms, local(days[0]), local(days[-1], HOURS_IN_DAY)))
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


def room_day(room: Room, day: dt.date) -> list[Booking]:
    """A room's bookings on ``day`` in order: its worklist."""
    return labelled(bookings_between([room], local(day), local(day, HOURS_IN_DAY)))
