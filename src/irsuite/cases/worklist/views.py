"""Worklist, request list and catalogue browser."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from irsuite.cases.models import CatalogueEntry, RequestStatus
from irsuite.cases.queries import visible_requests, worklist
from irsuite.domain.catalogue import Family
from irsuite.people.access import require
from irsuite.people.models import Room, Site
from irsuite.people.roles import Capability as C


def _day(raw: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@require(C.VIEW_WORKLIST)
def worklist_page(request: HttpRequest) -> HttpResponse:
    """Today's (or a chosen day's) cases by room, filterable by site, room and status."""
    day = _day(request.GET.get("date"))
    site = request.GET.get("site") or None
    room = request.GET.get("room")
    status = request.GET.get("status") or None
    items = list(
        worklist(day, site=site, room=int(room) if room and room.isdigit() else None, status=status)
    )
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
    items = visible_requests(request.user).order_by("-requested_at", "-pk")
    if status:
        items = items.filter(status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/request_list.html",
        {"page": page, "status": status, "statuses": RequestStatus.choices},
    )


@require(C.VIEW_CATALOGUE)
def catalogue(request: HttpRequest) -> HttpResponse:
    family = request.GET.get("family") or ""
    query = (request.GET.get("q") or "").strip()
    entries = CatalogueEntry.objects.filter(active=True).order_by("family", "name")
    if family:
        entries = entries.filter(family=family)
    if query:
        entries = entries.filter(Q(name__icontains=query) | Q(code__icontains=query))
    grouped = [(fam, list(group)) for fam, group in groupby(entries, key=lambda e: e.family_label)]
    return render(
        request,
        "cases/catalogue.html",
        {
            "grouped": grouped,
            "families": [(f.value, f.value.replace("_", " ").capitalize()) for f in Family],
            "family": family,
            "q": query,
            "count": sum(len(g) for _, g in grouped),
        },
    )


@require(C.VIEW_CATALOGUE)
def catalogue_entry(request: HttpRequest, code: str) -> HttpResponse:
    entry = get_object_or_404(CatalogueEntry, code=code)
    return render(request, "cases/catalogue_entry.html", {"entry": entry})
