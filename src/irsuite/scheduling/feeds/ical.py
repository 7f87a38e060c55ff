"""iCalendar (RFC 5545) feeds of a room's or an operator's bookings, and the text format every
calendar feed here is written in.

Calendar programs cannot log in, so each feed URL carries a token (see `tokens`: derived from
the server's secret key, revocable per feed). Events name the procedure, never the patient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from irsuite.scheduling.booking.models import Booking

PRODID = "-//irsuite//Scheduling//EN"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 section 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (section 3.1)."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def stamp(moment: dt.datetime) -> str:
    """A UTC DATE-TIME value."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(booking: Booking, now: dt.datetime) -> list[str]:
    entry = booking.request.catalogue_entry
    details = [f"Priority: {booking.request.get_priority_display()}."]
    if booking.anaesthesia:
        details.append("Anaesthesia booked.")
    if booking.kind == "add_on":
        details.append("Emergency add-on.")
    if booking.operator is not None:
        details.append(f"Operator: {booking.operator.display_name}.")
    return [
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}@irsuite",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(booking.start)}",
        f"DTEND:{stamp(booking.end)}",
        f"SEQUENCE:{booking.version}",
        f"SUMMARY:{escape(f'{entry.code} {entry.name}')}",
        f"LOCATION:{escape(booking.room.name)}",
        f"DESCRIPTION:{escape(' '.join(details))}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def vcalendar(name: str, prodid: str, events: Iterable[list[str]], method: bool = True) -> str:
    """A whole VCALENDAR of `events` (each its content lines), folded, with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        *(["METHOD:PUBLISH"] if method else []),
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar(name: str, bookings: Iterable[Booking], now: dt.datetime | None = None) -> str:
    """The VCALENDAR of `bookings`."""
    now = now or timezone.now()
    return vcalendar(name, PRODID, (_event(booking, now) for booking in bookings))
