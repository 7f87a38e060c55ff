"""iCalendar feeds per room and per operator (token in the URL), and the page listing them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Room, Staff
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.people.roles import Capability as C
from irsuite.scheduling.ical import calendar, feed_token, token_ok
from irsuite.scheduling.models import Booking

PAST, AHEAD = dt.timedelta(days=30), dt.timedelta(days=180)


def _feed(name: str, bookings: Iterable[Booking]) -> HttpResponse:
    response = HttpResponse(calendar(name, bookings), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _window() -> dict[str, dt.datetime]:
    now = timezone.now()
    return {"start__gte": now - PAST, "start__lt": now + AHEAD}


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related("request__catalogue_entry", "room", "operator")


def room_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """A room's bookings as iCalendar; the token replaces a login (404 when it is wrong)."""
    if not token_ok("room", pk, request.GET.get("token", "")):
        raise Http404("No such calendar.")
    room = get_object_or_404(Room, pk=pk)
    return _feed(f"{room.name} ({room.site.code})", _bookings().filter(room=room, **_window()))


def operator_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """An operator's bookings as iCalendar."""
    if not token_ok("operator", pk, request.GET.get("token", "")):
        raise Http404("No such calendar.")
    operator = get_object_or_404(Staff, pk=pk)
    return _feed(operator.display_name, _bookings().filter(operator=operator, **_window()))


def feed_url(request: HttpRequest, kind: str, pk: int) -> str:
    path = reverse(f"scheduling:ical_{kind}", args=[pk])
    return request.build_absolute_uri(f"{path}?token={feed_token(kind, pk)}")


@require(C.VIEW_WORKLIST, C.SCHEDULE)
def feeds(request: HttpRequest) -> HttpResponse:
    """The calendar-subscription links: the rooms, and the user's own list as an operator."""
    me = staff_of(request.user)
    mine = None
    if me is not None and me.role in OPERATOR_ROLES:
        mine = feed_url(request, "operator", me.pk)
    operators = []
    if has_capability(request.user, C.SCHEDULE):
        operators = [
            (s, feed_url(request, "operator", s.pk))
            for s in Staff.objects.filter(active=True, role__in=OPERATOR_ROLES)
        ]
    rooms = [
        (r, feed_url(request, "room", r.pk))
        for r in Room.objects.filter(active=True).select_related("site")
    ]
    return render(
        request, "scheduling/feeds.html", {"mine": mine, "rooms": rooms, "operators": operators}
    )
