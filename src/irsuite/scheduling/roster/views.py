"""On-call pages: the month's roster, who is on call now, a person's calendar feed."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Site, Staff
from irsuite.people.roles import Capability as C
from irsuite.scheduling.roster.ical import roster_calendar, roster_token, roster_token_ok
from irsuite.scheduling.roster.models import (
    CallType,
    PeriodStatus,
    RosterAssignment,
    RosterPeriod,
    SwapRequest,
    SwapStatus,
)
from irsuite.scheduling.roster.services import on_call_now

FEED_PAST, FEED_AHEAD = dt.timedelta(days=60), dt.timedelta(days=400)


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
