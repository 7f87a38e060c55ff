"""On-call pages: the month's roster, who is on call now, a person's calendar feed, and the
roster manager's periods (create, solve, publish) and changes by hand."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, public, require, staff_of
from irsuite.people.models import Site, Staff
from irsuite.people.roles import Capability as C
from irsuite.scheduling.feeds.tokens import FEED_ACCESS
from irsuite.scheduling.roster.ical import roster_calendar, roster_token, roster_token_ok
from irsuite.scheduling.roster.models import CallType, PeriodStatus, RosterAssignment, RosterPeriod
from irsuite.scheduling.roster.queries import on_call_now
from irsuite.scheduling.roster.services import (
    create_period,
    is_running,
    override_assignment,
    publish_period,
    start_solving,
)
from irsuite.scheduling.swaps.models import SwapRequest, SwapStatus

FEED_PAST, FEED_AHEAD = dt.timedelta(days=60), dt.timedelta(days=400)
# The solver time a roster period gets when solved from the periods page, in seconds.
WEB_TIME_LIMIT = 60.0


@require(C.VIEW_ROSTER)
def roster_index(request: HttpRequest) -> HttpResponse:
    """This month's roster."""
    today = timezone.localdate()
    return roster_month(request, today.year, today.month)


def _month_rows(
    first: dt.date, last: dt.date, types: list[CallType], drafts: bool
) -> list[dict[str, object]]:
    statuses = [PeriodStatus.PUBLISHED] + ([PeriodStatus.DRAFT] if drafts else [])
    cells: dict[tuple[dt.date, int], list[RosterAssignment]] = defaultdict(list)
    rows = RosterAssignment.objects.filter(
        day__gte=first, day__lte=last, period__status__in=statuses
    ).select_related("staff", "period")
    for a in rows:
        cells[(a.day, a.call_type_id)].append(a)
    out = []
    for n in range((last - first).days + 1):
        day = first + dt.timedelta(days=n)
        out.append({"day": day, "cells": [cells.get((day, ct.pk), []) for ct in types]})
    return out


@require(C.VIEW_ROSTER)
def roster_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """One month: a row per day, a column per call type; drafts shown to roster managers."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404("No such month.")
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    manager = has_capability(request.user, C.MANAGE_ROSTER)
    types = list(CallType.objects.filter(active=True).select_related("site"))
    previous = first - dt.timedelta(days=1)
    following = last + dt.timedelta(days=1)
    me = staff_of(request.user)
    context = {
        "first": first,
        "types": types,
        "rows": _month_rows(first, last, types, manager),
        "manager": manager,
        "me": me,
        "previous": reverse("scheduling:roster_month", args=[previous.year, previous.month]),
        "following": reverse("scheduling:roster_month", args=[following.year, following.month]),
        "periods": RosterPeriod.objects.filter(start__lte=last, end__gte=first),
        "colleagues": Staff.objects.filter(
            active=True, role__in={r for t in types for r in t.roles}
        ),
    }
    return render(request, "scheduling/roster_month.html", context)


@require(C.VIEW_ROSTER)
def oncall(request: HttpRequest) -> HttpResponse:
    """Who is on call right now, per call type and site."""
    site = None
    if code := request.GET.get("site"):
        site = get_object_or_404(Site, code=code)
    me = staff_of(request.user)
    feed = None
    if me is not None:
        path = reverse("scheduling:roster_ical", args=[me.pk])
        feed = request.build_absolute_uri(f"{path}?token={roster_token(me.pk)}")
    pending = SwapRequest.objects.none()
    if me is not None:
        pending = SwapRequest.objects.filter(taker=me, status=SwapStatus.OFFERED)
    context = {
        "now": timezone.localtime(),
        "items": on_call_now(site=site),
        "sites": Site.objects.all(),
        "site": site,
        "feed": feed,
        "feed_owner": me.pk if me is not None else None,
        "pending": pending.select_related("assignment__call_type", "giver"),
        "manager": has_capability(request.user, C.MANAGE_ROSTER),
    }
    return render(request, "scheduling/roster_oncall.html", context)


@public(FEED_ACCESS)
def roster_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's published duties as iCalendar; the token replaces a login (403 if wrong)."""
    if not roster_token_ok(pk, request.GET.get("token", "")):
        return HttpResponse(
            "This calendar address is not valid.",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    person = get_object_or_404(Staff, pk=pk)
    today = timezone.localdate()
    duties = RosterAssignment.objects.filter(
        staff=person,
        period__status=PeriodStatus.PUBLISHED,
        day__gte=today - FEED_PAST,
        day__lte=today + FEED_AHEAD,
    ).select_related("call_type__site")
    text = roster_calendar(f"On call: {person.display_name}", duties)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else default)


@require(C.MANAGE_ROSTER)
def periods(request: HttpRequest) -> HttpResponse:
    """The roster periods, with forms to add, solve and publish them."""
    if request.method == "POST":
        try:
            start = dt.date.fromisoformat(request.POST.get("start", ""))
            end = dt.date.fromisoformat(request.POST.get("end", ""))
            holidays = [h.strip() for h in request.POST.get("holidays", "").split(",") if h.strip()]
            create_period(start, end, request.user, rules=_rules(request), holidays=holidays)
            messages.success(
                request, f"Draft roster {date_format(start)} to {date_format(end)} created."
            )
        except ValueError:
            messages.error(request, "Enter the first and last day as dates (YYYY-MM-DD).")
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("scheduling:roster_periods")
    rows = [(p, is_running(p)) for p in RosterPeriod.objects.all()[:50]]
    context = {"rows": rows}
    return render(request, "scheduling/roster_periods.html", context)


def _rules(request: HttpRequest) -> dict[str, object]:
    rules: dict[str, object] = {
        "no_duty_after_night": request.POST.get("no_duty_after_night") == "on",
        "pair_trainee_with_attending": request.POST.get("pair_trainee_with_attending") == "on",
    }
    for key in ("max_consecutive", "max_per_month", "min_rest_days"):
        if value := request.POST.get(key, "").strip():
            rules[key] = int(value)
    return rules


@require_POST
@require(C.MANAGE_ROSTER)
def solve(request: HttpRequest, pk: int) -> HttpResponse:
    """Start solving a draft period; the periods page follows its progress."""
    period = get_object_or_404(RosterPeriod, pk=pk)
    try:
        start_solving(period, request.user, time_limit=WEB_TIME_LIMIT)
        messages.success(request, "Solving the roster: its progress shows below.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:roster_periods")


@require(C.MANAGE_ROSTER)
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a solve (an HTMX fragment that polls until the solve ends)."""
    period = get_object_or_404(RosterPeriod, pk=pk)
    running = is_running(period)
    response = render(
        request, "scheduling/roster_progress.html", {"period": period, "running": running}
    )
    if not running and getattr(request, "htmx", False):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@require(C.MANAGE_ROSTER)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a solved draft."""
    try:
        publish_period(get_object_or_404(RosterPeriod, pk=pk), request.user)
        messages.success(request, "Roster published.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:roster_periods")


@require_POST
@require(C.MANAGE_ROSTER)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    """Put someone else on a duty by hand, with a reason (audited)."""
    assignment = get_object_or_404(RosterAssignment, pk=pk)
    staff = get_object_or_404(Staff, pk=request.POST.get("staff") or 0)
    try:
        broken = override_assignment(
            assignment, staff, request.user, request.POST.get("reason", "")
        )
        note = f" It breaks: {'; '.join(broken)}." if broken else ""
        messages.success(request, f"{staff.display_name} is now on this duty.{note}")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return _back(request, reverse("scheduling:roster"))
