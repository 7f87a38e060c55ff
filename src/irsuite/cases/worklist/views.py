"""The day's worklist by room, and the list of requests."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from irsuite.bounds import query_day, query_int
from irsuite.cases import hooks
from irsuite.cases.notices.models import Notice
from irsuite.cases.queries import listed_requests, worklist
from irsuite.cases.requests.models import RequestStatus
from irsuite.people.access import require, staff_of
from irsuite.people.models import Room, Site
from irsuite.people.roles import Capability as C


@require(C.VIEW_WORKLIST)
def worklist_page(request: HttpRequest) -> HttpResponse:
    """Today's (or a chosen day's) cases by room, filterable by site, room and status."""
    day = query_day(request, "date") or timezone.localdate()
    site = request.GET.get("site") or None
    room = request.GET.get("room")
    status = request.GET.get("status") or None
    items = list(worklist(day, site=site, room=query_int(request, "room"), status=status))
    marks = hooks.readiness_of(items)
    for item in items:
        item.marks = marks.get(item.pk, [])  # type: ignore[attr-defined]
    rooms = [(name, list(group)) for name, group in groupby(items, key=lambda r: r.room)]
    context = {
        "day": day,
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
        "rooms": rooms,
        "count": len(items),
        "sites": Site.objects.all(),
        "all_rooms": Room.objects.select_related("site"),
        "statuses": RequestStatus.choices,
        "selected": {"site": site or "", "room": room or "", "status": status or ""},
    }
    htmx = getattr(request, "htmx", False)
    template = "cases/worklist.html#worklist" if htmx else "cases/worklist.html"
    return render(request, template, context)


@require(C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or ""
    items = listed_requests(request.user, status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    shown = list(page)
    marks = hooks.readiness_of(shown)
    for item in shown:
        item.marks = marks.get(item.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "cases/request_list.html",
        {
            "page": page,
            "items": shown,
            "status": status,
            "statuses": RequestStatus.choices,
            "unread": Notice.objects.filter(
                recipient=staff_of(request.user), read_at__isnull=True
            ).count(),
        },
    )
