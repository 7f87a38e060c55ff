"""iCalendar feeds per room and per operator (token in the URL), the page listing them, and
re-issuing a feed's address when the old one got out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.people.access import has_capability, public, require, staff_of
from irsuite.people.models import Room, Staff
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.people.roles import Capability as C
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.feeds.ical import calendar
from irsuite.scheduling.feeds.models import FeedKind
from irsuite.scheduling.feeds.services import reissue
from irsuite.scheduling.feeds.tokens import FEED_ACCESS, feed_token, secrets_of, token_ok

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


@public(FEED_ACCESS)
def room_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """A room's bookings as iCalendar; the token replaces a login (404 when it is wrong)."""
    if not token_ok(FeedKind.ROOM, pk, request.GET.get("token", "")):
        raise Http404("No such calendar.")
    room = get_object_or_404(Room, pk=pk)
    return _feed(f"{room.name} ({room.site.code})", _bookings().filter(room=room, **_window()))


@public(FEED_ACCESS)
def operator_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """An operator's bookings as iCalendar."""
    if not token_ok(FeedKind.OPERATOR, pk, request.GET.get("token", "")):
        raise Http404("No such calendar.")
    operator = get_object_or_404(Staff, pk=pk)
    return _feed(operator.display_name, _bookings().filter(operator=operator, **_window()))


def feed_url(request: HttpRequest, kind: FeedKind, pk: int, secret: str | None = None) -> str:
    """The full address of a room's or an operator's feed, token included."""
    path = reverse(f"scheduling:ical_{kind.value}", args=[pk])
    return request.build_absolute_uri(f"{path}?token={feed_token(kind, pk, secret)}")


@require(C.VIEW_WORKLIST, C.SCHEDULE)
def feeds(request: HttpRequest) -> HttpResponse:
    """The calendar-subscription links: the rooms, and the user's own list as an operator."""
    me = staff_of(request.user)
    mine = None
    if me is not None and me.role in OPERATOR_ROLES:
        mine = feed_url(request, FeedKind.OPERATOR, me.pk)
    manager = has_capability(request.user, C.SCHEDULE)
    operators = []
    if manager:
        people = list(Staff.objects.filter(active=True, role__in=OPERATOR_ROLES))
        keys = secrets_of(FeedKind.OPERATOR, [s.pk for s in people])
        operators = [
            (s, feed_url(request, FeedKind.OPERATOR, s.pk, keys.get(s.pk, ""))) for s in people
        ]
    rooms_list = list(Room.objects.filter(active=True).select_related("site"))
    keys = secrets_of(FeedKind.ROOM, [r.pk for r in rooms_list])
    rooms = [(r, feed_url(request, FeedKind.ROOM, r.pk, keys.get(r.pk, ""))) for r in rooms_list]
    context = {
        "mine": mine,
        "me": me,
        "rooms": rooms,
        "operators": operators,
        "manager": manager,
    }
    return render(request, "scheduling/feeds.html", context)


def _may_reissue(request: HttpRequest, kind: FeedKind, pk: int) -> bool:
    me = staff_of(request.user)
    own = me is not None and me.pk == pk and kind is not FeedKind.ROOM
    manages = C.MANAGE_ROSTER if kind is FeedKind.ROSTER else C.SCHEDULE
    return own or has_capability(request.user, manages)


@require_POST
@require(C.VIEW_WORKLIST, C.SCHEDULE, C.VIEW_ROSTER)
def reissue_feed(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Give a feed a new address (its old one stops working): one's own, or as its manager."""
    try:
        feed = FeedKind(kind)
    except ValueError as exc:
        raise Http404("No such kind of calendar.") from exc
    get_object_or_404(Room if feed is FeedKind.ROOM else Staff, pk=pk)
    if not _may_reissue(request, feed, pk):
        raise PermissionDenied(
            "Only the person whose calendar this is, or a scheduler (a roster manager for "
            "on-call calendars), can give it a new address."
        )
    reissue(feed, pk, by=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        "A new calendar address was issued and the old one no longer works. Copy the new "
        "address into every calendar program that should keep this calendar.",
    )
    return redirect("scheduling:oncall" if feed is FeedKind.ROSTER else "scheduling:feeds")
