"""Dose study pages: recent studies, one study in full, unlinked studies and linking by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.bounds import bounded_int, query_date
from irsuite.cases.models import Procedure
from irsuite.dose.alerts.models import AlertStatus, DoseAlert
from irsuite.dose.importing.linking import link_by_hand
from irsuite.dose.importing.models import QuarantinedFile, QuarantineStatus
from irsuite.dose.studies import queries
from irsuite.dose.studies.models import DoseStudy, ReportKind
from irsuite.errors import ServiceError
from irsuite.paging import paged
from irsuite.people.access import has_capability, require
from irsuite.people.models import Room, Staff
from irsuite.people.policy import note_shown
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.people.roles import Capability as C

PAGE_SIZE = 50


def _date(raw: str) -> dt.date | None:
    return query_date(raw)


def _int(raw: str) -> int | None:
    return bounded_int(raw)  # an id past the database's integers filters nothing


def filters_from(request: HttpRequest) -> queries.StudyFilters:
    """The list's search and filters as given in the address (bad values filter nothing)."""
    get = request.GET
    return queries.StudyFilters(
        q=get.get("q", "")[:64],
        kind=get.get("kind", "") if get.get("kind", "") in ReportKind.values else "",
        linked=get.get("linked", ""),
        room=_int(get.get("room", "")),
        operator=_int(get.get("operator", "")),
        date_from=_date(get.get("from", "")),
        date_to=_date(get.get("to", "")),
    )


def _page_context(request: HttpRequest, rows: QuerySet[DoseStudy]) -> dict[str, Any]:
    pager = paged(request, rows, PAGE_SIZE)
    items = queries.with_operators(pager.page)
    note_shown(s.patient for s in items if s.patient is not None)
    return {"page": pager.page, "pager": pager, "items": items, "query": pager.others}


@require(C.VIEW_DOSE)
def index(request: HttpRequest) -> HttpResponse:
    """Dose studies with their procedure, patient, operator and totals; searched and filtered."""
    filters = filters_from(request)
    return render(
        request,
        "dose/index.html",
        {
            **_page_context(request, queries.studies(filters)),
            "filters": filters,
            "kinds": ReportKind.choices,
            "rooms": Room.objects.filter(dose_studies__isnull=False).distinct().order_by("name"),
            "operators": Staff.objects.filter(role__in=OPERATOR_ROLES).order_by("family_name"),
            "open_alerts": DoseAlert.objects.filter(status=AlertStatus.OPEN).count(),
            "unlinked": DoseStudy.objects.filter(procedure__isnull=True).count(),
            "quarantined": QuarantinedFile.objects.filter(status=QuarantineStatus.OPEN).count(),
            "can_administer": has_capability(request.user, C.ADMINISTER),
        },
    )


def _candidates(study: DoseStudy) -> list[Procedure]:
    """Procedures within a day of the study, for linking it by hand."""
    if study.study_date is None:
        return []
    day = study.study_date
    return list(
        Procedure.objects.filter(
            day__range=(day - dt.timedelta(days=1), day + dt.timedelta(days=1))
        )
        .select_related("request__catalogue_entry", "room")
        .order_by("day", "start_at")[:50]
    )


@require(C.VIEW_DOSE)
def study(request: HttpRequest, pk: int) -> HttpResponse:
    """One study: totals per plane, every irradiation event, alerts, and linking."""
    item = get_object_or_404(
        DoseStudy.objects.select_related(
            "device", "room", "patient", "procedure__request__catalogue_entry"
        ),
        pk=pk,
    )
    can_link = has_capability(request.user, C.MANAGE_DOSE) and item.procedure_id is None
    return render(
        request,
        "dose/study.html",
        {
            "study": item,
            "planes": item.planes.all(),
            "events": item.events.all(),
            "alerts": item.alerts.all(),
            "candidates": _candidates(item) if can_link else [],
            "can_link": can_link,
        },
    )


@require(C.MANAGE_DOSE)
def unlinked(request: HttpRequest) -> HttpResponse:
    """Studies no procedure could be found for, for a physicist to link by hand."""
    rows = queries.studies(queries.StudyFilters(linked="no"))
    return render(request, "dose/unlinked.html", _page_context(request, rows))


@require_POST
@require(C.MANAGE_DOSE)
def link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a study to the procedure a physicist chose."""
    item = get_object_or_404(DoseStudy, pk=pk)
    procedure = get_object_or_404(Procedure, pk=request.POST.get("procedure", "0") or 0)
    user: Any = request.user
    try:
        link_by_hand(item, procedure, by=user)
        messages.success(request, "The study is linked to the procedure.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("dose:study", pk=pk)
