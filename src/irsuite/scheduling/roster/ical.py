"""A person's on-call duties as an iCalendar feed (RFC 5545), opened by a signed token.

Calendar programs cannot log in, so the feed address carries a token derived from the
server's secret key and the person's id (revocable: see `feed_keys`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from irsuite.scheduling.feeds import keys as feed_keys
from irsuite.scheduling.feeds.keys import FeedKind
from irsuite.scheduling.roster.models import RosterAssignment

PRODID = "-//irsuite//On-call roster//EN"


def roster_token(staff_pk: int) -> str:
    """The token that opens one person's on-call feed."""
    return feed_keys.feed_token(FeedKind.ROSTER, staff_pk)


def roster_token_ok(staff_pk: int, token: str) -> bool:
    """Whether ``token`` opens ``staff_pk``'s feed."""
    return feed_keys.token_ok(FeedKind.ROSTER, staff_pk, token)


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 section 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 section 3.1)."""
    out, raw = [], line.encode()
    while len(raw) > 75:
        cut = 75
        while cut > 0 and (raw[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(raw[:cut].decode())
        raw = b" " + raw[cut:]
    out.append(raw.decode())
    return "\r\n".join(out)


def roster_calendar(name: str, duties: Iterable[RosterAssignment]) -> str:
    """The VCALENDAR text of ``duties``; times are the call type's local start and end."""
    now = _stamp(timezone.now())
    tz = timezone.get_current_timezone()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for a in duties:
        start, end = a.call_type.window(a.day)
        where = a.call_type.site
        site = f" ({where.code})" if where is not None else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:roster-{a.pk}@irsuite",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(start.replace(tzinfo=tz))}",
            f"DTEND:{_stamp(end.replace(tzinfo=tz))}",
            f"SUMMARY:{_text('On call: ' + a.call_type.name + site)}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
