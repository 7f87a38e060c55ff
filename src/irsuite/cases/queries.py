"""Read-side queries of requests and procedures, shared by pages and the API."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from irsuite.cases.models import Procedure, Request
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Room
from irsuite.people.roles import Capability


def visible_requests(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Request]:
    """Requests the user may see: all for the IR team, only their own for a referrer."""
    requests = Request.objects.select_related(
        "patient", "site", "catalogue_entry", "room", "referrer"
    )
    if has_capability(user, Capability.VIEW_WORKLIST):
        return requests
    if has_capability(user, Capability.VIEW_OWN_REQUESTS):
        me = staff_of(user)
        return requests.filter(referrer=me) if me else requests.none()
    return requests.none()


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of a local day as aware datetimes."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def worklist(
    day: dt.date,
    *,
    site: str | None = None,
    room: int | None = None,
    status: str | None = None,
) -> QuerySet[Request]:
    """The requests booked on a day, by room and time."""
    start, end = day_bounds(day)
    items = Request.objects.filter(scheduled_start__gte=start, scheduled_start__lt=end)
    if site:
        items = items.filter(room__site__code=site)
    if room:
        items = items.filter(room_id=room)
    if status:
        items = items.filter(status=status)
    return items.select_related(
        "patient", "catalogue_entry", "room", "room__site", "procedure"
    ).order_by("room__site__code", "room__name", "scheduled_start")


# The catalogue's large JSON parts, which lists never need.
CATALOGUE_BULK_FIELDS = ("cpt", "consent", "follow_up", "quality", "discharge_instructions")


def site_room_ids(site: str) -> list[int]:
    """The ids of a site's rooms."""
    return list(Room.objects.filter(site__code=site).values_list("pk", flat=True))


def procedures(
    *,
    day: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    site: str | None = None,
    room: int | None = None,
    status: str | None = None,
    operator: int | None = None,
    for_count: bool = False,
) -> QuerySet[Procedure]:
    """Procedures filtered by day or period, site, room, status and team member.

    A list page walks the (status, day) index in date order and stops after a page; a count
    (`for_count=True`) resolves the site to its rooms and runs on the (status, room, day)
    index alone. Each shape is fast for its own query and slow for the other's."""
    items = Procedure.objects.all()
    if day:
        items = items.filter(day=day)
    if date_from:
        items = items.filter(day__gte=date_from)
    if date_to:
        items = items.filter(day__lte=date_to)
    if site and for_count:
        items = items.filter(room_id__in=site_room_ids(site))
    elif site:
        items = items.filter(room__site__code=site)
    if room:
        items = items.filter(room_id=room)
    if status:
        items = items.filter(status=status)
    if operator:
        items = items.filter(team__staff_id=operator).distinct()
    if for_count:
        return items
    return (
        items.select_related(
            "request__patient",
            "request__site",
            "request__catalogue_entry",
            "room__site",
            "signed_by",
        )
        .defer(*(f"request__catalogue_entry__{name}" for name in CATALOGUE_BULK_FIELDS))
        .order_by("-day", "-start_at", "-pk")
    )
