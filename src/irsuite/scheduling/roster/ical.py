"""A person's on-call duties as an iCalendar feed (RFC 5545), opened by a signed token.

Calendar programs cannot log in, so the feed address carries a token derived from the
server's secret key and the person's id (revocable: see `feeds.tokens`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from irsuite.scheduling.feeds.ical import escape, stamp, vcalendar
from irsuite.scheduling.feeds.models import FeedKind
from irsuite.scheduling.feeds.tokens import feed_token, token_ok
from irsuite.scheduling.roster.models import RosterAssignment

PRODID = "-//irsuite//On-call roster//EN"


def roster_token(staff_pk: int) -> str:
    """The token that opens one person's on-call feed."""
    return feed_token(FeedKind.ROSTER, staff_pk)


def roster_token_ok(staff_pk: int, token: str) -> bool:
    """Whether ``token`` opens ``staff_pk``'s feed."""
    return token_ok(FeedKind.ROSTER, staff_pk, token)


def _event(duty: RosterAssignment, now: str) -> list[str]:
    start, end = duty.call_type.window(duty.day)
    tz = timezone.get_current_timezone()
    where = duty.call_type.site
    site = f" ({where.code})" if where is not None else ""
    return [
        "BEGIN:VEVENT",
        f"UID:roster-{duty.pk}@irsuite",
        f"DTSTAMP:{now}",
        f"DTSTART:{stamp(start.replace(tzinfo=tz))}",
        f"DTEND:{stamp(end.replace(tzinfo=tz))}",
        f"SUMMARY:{escape('On call: ' + duty.call_type.name + site)}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]


def roster_calendar(name: str, duties: Iterable[RosterAssignment]) -> str:
    """The VCALENDAR text of ``duties``; times are the call type's local start and end."""
    now = stamp(timezone.now())
    return vcalendar(name, PRODID, (_event(duty, now) for duty in duties), method=False)
