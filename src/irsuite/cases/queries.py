"""Read-side queries the case features share, and other areas read through."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from irsuite.cases.requests.models import Request
from irsuite.people.access import has_capability, staff_of
from irsuite.people.roles import Capability

M = TypeVar("M", bound=Model)


def matching(items: QuerySet[M], **lookups: object) -> QuerySet[M]:
    """`items` filtered by each lookup that has a value; an empty value (None, "") is no filter."""
    given = {lookup: value for lookup, value in lookups.items() if value}
    return items.filter(**given) if given else items


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


def listed_requests(
    user: AbstractBaseUser | AnonymousUser,
    *,
    status: str | None = None,
    site: str | None = None,
    room: int | None = None,
    priority: str | None = None,
    day: dt.date | None = None,
) -> QuerySet[Request]:
    """The requests a user may see, newest first, by status, site, room, priority and day
    (the day it is booked for or the day it was requested)."""
    items = matching(
        visible_requests(user),
        status=status,
        site__code=site,
        room_id=room,
        priority=priority,
    )
    if day:
        items = items.filter(Q(scheduled_start__date=day) | Q(requested_at__date=day))
    return items.order_by("-requested_at", "-pk")


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
    items = matching(
        Request.objects.filter(scheduled_start__gte=start, scheduled_start__lt=end),
        room__site__code=site,
        room_id=room,
        status=status,
    )
    return items.select_related(
        "patient", "catalogue_entry", "room", "room__site", "procedure"
    ).order_by("room__site__code", "room__name", "scheduled_start")
