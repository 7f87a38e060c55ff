"""Calendar pages: day and week per site with drag-and-drop rebooking, add-ons, room worklists."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from irsuite.bounds import query_date
from irsuite.cases.models import RequestStatus
from irsuite.errors import ServiceError, ValidationFailed
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Room, Site
from irsuite.people.roles import Capability as C
from irsuite.scheduling.booking import calendar, services
from irsuite.scheduling.booking.forms import BookForm, MoveForm
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.booking.queries import SEARCH_MAX

VIEW = (C.VIEW_WORKLIST, C.SCHEDULE)


def is_htmx(request: HttpRequest) -> bool:
    """True for a request sent by HTMX (django-htmx sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))


def _site_of(request: HttpRequest) -> Site | None:
    staff = staff_of(request.user)
    if staff is not None and staff.site is not None:
        return staff.site
    return Site.objects.order_by("name").first()


def _day(value: str) -> dt.date:
    return query_date(value) or timezone.localdate()


@require(*VIEW)
def index(request: HttpRequest) -> HttpResponse:
    site = _site_of(request)
    if site is None:
        return render(request, "scheduling/no_site.html")
    return redirect("scheduling:day", site=site.code, day=timezone.localdate().isoformat())


def _when(booking: Booking) -> str:
    start = date_format(timezone.localtime(booking.start), "DATETIME_FORMAT")
    return f"{booking.request.catalogue_entry.name} in {booking.room.name}, {start}"


def _day_context(request: HttpRequest, site: Site, day: dt.date) -> dict[str, object]:
    can_book = has_capability(request.user, C.SCHEDULE)
    search = request.GET.get("q", "")[:SEARCH_MAX]
    return {
        "site": site,
        "sites": Site.objects.all(),
        "grid": calendar.day_grid(site, day),
        "day": day,
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
        "monday": day - dt.timedelta(days=day.weekday()),
        "can_book": can_book,
        "search": search,
        "book_form": BookForm(site, initial={"start": calendar.local(day, 9)}, search=search)
        if can_book
        else None,
    }


@require(*VIEW)
def day_view(request: HttpRequest, site: str, day: str) -> HttpResponse:
    place = get_object_or_404(Site, code=site)
    context = _day_context(request, place, _day(day))
    if is_htmx(request):
        return render(request, "scheduling/day.html#grid", context)
    return render(request, "scheduling/day.html", context)


def _week_context(site: Site, monday: dt.date) -> dict[str, object]:
    days, rows = calendar.week_rows(site, monday)
    return {
        "site": site,
        "sites": Site.objects.all(),
        "days": days,
        "rows": rows,
        "monday": monday,
        "previous": monday - dt.timedelta(days=7),
        "next": monday + dt.timedelta(days=7),
    }


@require(*VIEW)
def week_view(request: HttpRequest, site: str, day: str) -> HttpResponse:
    place = get_object_or_404(Site, code=site)
    picked = _day(day)
    context = _week_context(place, picked - dt.timedelta(days=picked.weekday()))
    context["can_book"] = has_capability(request.user, C.SCHEDULE)
    if is_htmx(request):
        return render(request, "scheduling/week.html#table", context)
    return render(request, "scheduling/week.html", context)


def _refreshed(request: HttpRequest, booking: Booking) -> HttpResponse:
    site = booking.room.site
    day = timezone.localdate(booking.start)
    if request.POST.get("view") == "week":
        context = _week_context(site, day - dt.timedelta(days=day.weekday()))
        context["can_book"] = True
        context["done"] = f"Moved: {_when(booking)}."
        return render(request, "scheduling/week.html#table", context)
    context = _day_context(request, site, day)
    context["done"] = f"Moved: {_when(booking)}."
    return render(request, "scheduling/day.html#grid", context)


@require_POST
@require(C.SCHEDULE)
def move_booking(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a booking to another room and time: the calendar's drop target (HTMX, answers with
    the refreshed calendar or the refusal) and the worklist's move form (redirects)."""
    booking = get_object_or_404(Booking.objects.select_related("request", "room__site"), pk=pk)
    back = redirect(
        "scheduling:worklist",
        room=booking.room_id,
        day=timezone.localdate(booking.start).isoformat(),
    )
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed("Choose a room and a start time to move the case to.")
        booking = services.move(
            booking,
            room=form.cleaned_data["room"],
            start=form.cleaned_data["start"],
            by=request.user,
            version=form.cleaned_data["version"],
        )
    except ServiceError as exc:
        if is_htmx(request):
            return HttpResponse(exc.message, status=exc.status_code)
        messages.error(request, exc.message)
        return back
    if is_htmx(request):
        return _refreshed(request, booking)
    messages.success(request, f"Booking moved: {_when(booking)}.")
    return redirect(
        "scheduling:worklist",
        room=booking.room_id,
        day=timezone.localdate(booking.start).isoformat(),
    )


@require_POST
@require(C.SCHEDULE)
def unbook(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("request", "room__site"), pk=pk)
    site, day = booking.room.site.code, timezone.localdate(booking.start).isoformat()
    try:
        services.unbook(booking, by=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, "Taken off the calendar; the request is back in the backlog.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:day", site=site, day=day)


@require_POST
@require(C.SCHEDULE)
def book(request: HttpRequest, site: str) -> HttpResponse:
    """Book a vetted request from the backlog panel of the day page."""
    place = get_object_or_404(Site, code=site)
    form = BookForm(place, request.POST)
    day = timezone.localdate()
    if form.is_valid():
        data = form.cleaned_data
        day = timezone.localdate(data["start"])
        try:
            booking = services.book(
                data["request"],
                room=data["room"],
                start=data["start"],
                by=request.user,
                operator=data["operator"],
            )
            messages.success(request, f"Booked: {_when(booking)}.")
        except ServiceError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Choose a request, a room and a start time to book.")
    return redirect("scheduling:day", site=place.code, day=day.isoformat())


@require(C.SCHEDULE)
def add_on(request: HttpRequest, site: str) -> HttpResponse:
    """Emergency add-on: book an urgent case now, outside the planned lists if need be."""
    place = get_object_or_404(Site, code=site)
    # Offer only what this user may book: a request not yet vetted only to one who may vet it
    # (it is vetted on booking); a scheduler gets the vetted requests.
    may_vet = has_capability(request.user, C.VET_REQUEST)
    statuses = (
        (RequestStatus.REQUESTED, RequestStatus.VETTED) if may_vet else (RequestStatus.VETTED,)
    )
    now = timezone.localtime().replace(second=0, microsecond=0)
    search = request.GET.get("q", "")[:SEARCH_MAX]
    form = BookForm(
        place, request.POST or None, statuses=statuses, initial={"start": now}, search=search
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.add_on(
                data["request"],
                room=data["room"],
                start=data["start"],
                by=request.user,
                operator=data["operator"],
            )
            messages.success(request, f"Add-on booked: {_when(booking)}.")
            return redirect(
                "scheduling:day", site=place.code, day=timezone.localdate(booking.start).isoformat()
            )
        except ServiceError as exc:
            form.add_error(None, exc.message)
    context = {"site": place, "form": form, "search": search, "may_vet": may_vet}
    return render(request, "scheduling/add_on.html", context)


@require_POST
@require(C.SCHEDULE)
def release_pin(request: HttpRequest, pk: int) -> HttpResponse:
    """Let the next auto-schedule proposal move a pinned booking (an add-on, or one with its
    operator), with the reason; back to the request page."""
    booking = get_object_or_404(Booking.objects.select_related("request"), pk=pk)
    try:
        services.release_pin(booking, by=request.user, reason=request.POST.get("reason", "")[:500])
        messages.success(request, "Released: a proposal may now move this booking once.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("cases:request", booking.request_id)


@require(*VIEW)
def worklist(request: HttpRequest, room: int, day: str) -> HttpResponse:
    """One room's cases of the day, in order; schedulers can move each one from here
    (the keyboard alternative to dragging on the calendar)."""
    place = get_object_or_404(Room.objects.select_related("site"), pk=room)
    when = _day(day)
    context = {
        "room": place,
        "day": when,
        "bookings": calendar.room_day(place, when),
        "previous": when - dt.timedelta(days=1),
        "next": when + dt.timedelta(days=1),
        "day_url": reverse("scheduling:day", args=[place.site.code, when.isoformat()]),
        "can_book": has_capability(request.user, C.SCHEDULE),
        "rooms": Room.objects.filter(site=place.site, active=True),
    }
    return render(request, "scheduling/worklist.html", context)
