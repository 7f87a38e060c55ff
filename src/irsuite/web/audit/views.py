"""The audit page: who looked at a patient and when, what a user did; filters and CSV.

For holders of VIEW_AUDIT (the administrator and the quality lead). It answers a patient's
access request ("who has seen my record?") and a user investigation ("what did this login do?").
Reading the log is itself audited, and an export of it is recorded as an export.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.audit.services import record
from irsuite.domain.spreadsheet import inert_row
from irsuite.paging import paged
from irsuite.people.access import require
from irsuite.people.roles import Capability as C

PAGE_SIZE = 100
CSV_LIMIT = 50_000
COLUMNS = ["at", "actor", "action", "object", "patient", "summary", "reason", "channel"]


def _day(value: str | None) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if dt.date(2000, 1, 1) <= day <= dt.date(2100, 1, 1) else None


def _whole(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


def filters_of(request: HttpRequest) -> dict[str, Any]:
    """The page's filters from its query string; malformed values are ignored."""
    return {
        "patient": _whole(request.GET.get("patient")),
        "actor": (request.GET.get("actor") or "").strip()[:150],
        "action": request.GET.get("action") if request.GET.get("action") in AuditAction else "",
        "date_from": _day(request.GET.get("from")),
        "date_to": _day(request.GET.get("to")),
    }


def events(filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """The audit entries matching the filters, newest first."""
    found = AuditEvent.objects.all()
    if filters["patient"] is not None:
        found = found.filter(patient_id=filters["patient"])
    if filters["actor"]:
        found = found.filter(actor_label=filters["actor"])
    if filters["action"]:
        found = found.filter(action=filters["action"])
    if filters["date_from"]:
        found = found.filter(at__date__gte=filters["date_from"])
    if filters["date_to"]:
        found = found.filter(at__date__lte=filters["date_to"])
    return found.order_by("-at", "-id")


def _row(event: AuditEvent) -> list[object]:
    return [
        event.at.isoformat(timespec="seconds"),
        event.actor_label,
        event.get_action_display(),
        f"{event.object_type} {event.object_id}".strip(),
        event.patient_id or "",
        event.summary,
        event.reason,
        event.channel,
    ]


@require(C.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    filters = filters_of(request)
    found = events(filters)
    if request.GET.get("format") == "csv":
        return _csv(request, found, filters)
    pager = paged(request, found, PAGE_SIZE)
    record(
        request.user,
        AuditAction.VIEW,
        object_type="audit.auditevent",
        summary="audit log read",
        after={k: str(v) for k, v in filters.items() if v},
    )
    return render(
        request,
        "web/audit_log.html",
        {
            "page": pager.page,
            "pager": pager,
            "filters": filters,
            "actions": AuditAction.choices,
            "query": pager.others,
        },
    )


def _csv(
    request: HttpRequest, found: QuerySet[AuditEvent], filters: dict[str, Any]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for event in found[:CSV_LIMIT]:
        writer.writerow(inert_row(_row(event)))
    record(
        request.user,
        AuditAction.EXPORT,
        object_type="audit.auditevent",
        summary="audit log exported",
        after={k: str(v) for k, v in filters.items() if v},
    )
    return response
