"""Dose pages: studies, unlinked studies, alerts and letters, quarantine, physicist dashboard."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import CatalogueEntry, Procedure
from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.dose import queries
from irsuite.dose.models import (
    AlertStatus,
    DoseAlert,
    DoseStudy,
    QuarantinedFile,
    QuarantineStatus,
)
from irsuite.dose.reference import thresholds
from irsuite.dose.services import advance_alert, discard, link_by_hand, reprocess
from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, require
from irsuite.people.models import Room
from irsuite.people.roles import Capability

C = Capability


def _user(request: HttpRequest) -> Any:
    return request.user


@require(C.VIEW_DOSE)
def index(request: HttpRequest) -> HttpResponse:
    """Recent dose studies with their totals."""
    studies = DoseStudy.objects.select_related("device", "room", "procedure__request")
    page = Paginator(studies, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dose/index.html",
        {
            "page": page,
            "open_alerts": DoseAlert.objects.filter(status=AlertStatus.OPEN).count(),
            "unlinked": DoseStudy.objects.filter(procedure__isnull=True).count(),
            "quarantined": QuarantinedFile.objects.filter(status=QuarantineStatus.OPEN).count(),
            "can_administer": has_capability(request.user, C.ADMINISTER),
        },
    )


def _candidates(study: DoseStudy) -> list[Procedure]:
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
    item = get_object_or_404(DoseStudy.objects.select_related("device", "room"), pk=pk)
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
    studies = DoseStudy.objects.filter(procedure__isnull=True).select_related("device", "room")
    page = Paginator(studies, 50).get_page(request.GET.get("page"))
    return render(request, "dose/unlinked.html", {"page": page})


@require_POST
@require(C.MANAGE_DOSE)
def link(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(DoseStudy, pk=pk)
    procedure = get_object_or_404(Procedure, pk=request.POST.get("procedure", "0") or 0)
    try:
        link_by_hand(item, procedure, by=_user(request))
        messages.success(request, "The study is linked to the procedure.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("dose:study", pk=pk)


@require(C.VIEW_DOSE)
def alerts(request: HttpRequest) -> HttpResponse:
    """Dose alerts, open first."""
    status = request.GET.get("status", AlertStatus.OPEN)
    items = DoseAlert.objects.select_related("study", "follow_up_task")
    if status in AlertStatus.values:
        items = items.filter(status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dose/alerts.html",
        {
            "page": page,
            "status": status,
            "statuses": AlertStatus.choices,
            "can_manage": has_capability(request.user, C.MANAGE_DOSE, C.SIGN_PROCEDURE),
        },
    )


@require_POST
@require(C.MANAGE_DOSE, C.SIGN_PROCEDURE)
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(DoseAlert, pk=pk)
    try:
        advance_alert(alert, AlertStatus(request.POST.get("to", "")), by=_user(request))
    except (ServiceError, ValueError) as error:
        messages.error(request, getattr(error, "message", "That step is not possible."))
    return redirect("dose:alerts")


@require(C.VIEW_DOSE)
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The patient letter for an alert, as PDF (WeasyPrint, from a Django template)."""
    from weasyprint import HTML

    alert = get_object_or_404(DoseAlert.objects.select_related("study", "patient"), pk=pk)
    if alert.patient is None:
        messages.error(request, "Link the study to a patient before writing the letter.")
        return redirect("dose:alerts")
    plan = thresholds().skin_checks
    html = render_to_string(
        "dose/letter.html",
        {
            "alert": alert,
            "patient": alert.patient,
            "study": alert.study,
            "checks": plan.after_days if plan else (),
            "today": timezone.localdate(),
        },
    )
    record(
        request.user,
        AuditAction.EXPORT,
        alert,
        patient_id=alert.patient_id,
        summary="dose letter generated",
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dose-letter-{alert.pk}.pdf"'
    return response


@require(C.ADMINISTER)
def quarantine(request: HttpRequest) -> HttpResponse:
    """Files that could not be imported, with the reason."""
    items = QuarantinedFile.objects.defer("content").filter(status=QuarantineStatus.OPEN)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "dose/quarantine.html", {"page": page})


@require_POST
@require(C.ADMINISTER)
def quarantine_action(request: HttpRequest, pk: int) -> HttpResponse:
    held = get_object_or_404(QuarantinedFile, pk=pk)
    try:
        if request.POST.get("action") == "discard":
            discard(held, by=_user(request))
            messages.success(request, "The file is discarded (kept for the record).")
        else:
            outcome = reprocess(held, by=_user(request))
            messages.info(request, f"Re-processed: {outcome.status.value}. {outcome.reason or ''}")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("dose:quarantine")


def _filter(request: HttpRequest) -> queries.DoseFilter:
    today = timezone.localdate()
    try:
        quantity = DoseQuantity(request.GET.get("quantity", DoseQuantity.KAP_GYCM2))
    except ValueError:
        quantity = DoseQuantity.KAP_GYCM2
    if quantity not in queries.QUANTITIES:
        quantity = DoseQuantity.KAP_GYCM2
    start = _day(request.GET.get("from")) or today - dt.timedelta(days=365)
    end = _day(request.GET.get("to")) or today
    room = request.GET.get("room", "")
    return queries.DoseFilter(
        quantity, start, end, request.GET.get("entry", ""), int(room) if room.isdigit() else None
    )


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require(C.VIEW_DOSE)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Local DRLs per procedure type beside published values; rooms, operators and trend."""
    f = _filter(request)
    data = queries.rows(f)
    trend = queries.trend(data)
    return render(
        request,
        "dose/dashboard.html",
        {
            "f": f,
            "quantity_label": queries.QUANTITIES[f.quantity],
            "quantities": [(q.value, label) for q, label in queries.QUANTITIES.items()],
            "entries": CatalogueEntry.objects.filter(active=True).order_by("name"),
            "rooms": Room.objects.order_by("name"),
            "drl": queries.drl_table(data, f.quantity),
            "per_room": queries.by_key(data, "room"),
            "per_operator": queries.by_key(data, "operator"),
            "trend": trend,
            "chart": {
                **queries.chart_data(data),
                "trend": trend,
                "label": queries.QUANTITIES[f.quantity],
            },
            "query": request.GET.urlencode(),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterator[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(queries.EXPORT_HEADER)
    for row in rows:
        yield writer.writerow(row)


@require(C.VIEW_DOSE)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """All studies of the period as streaming CSV or XLSX (no patient identifiers)."""
    f = _filter(request)
    record(
        request.user,
        AuditAction.EXPORT,
        object_type="dose.dosestudy",
        summary=f"dose export {fmt} {f.date_from}..{f.date_to}",
    )
    rows = queries.export_rows(f.date_from, f.date_to)
    name = f"dose-{f.date_from}-{f.date_to}"
    if fmt == "csv":
        stream = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        stream["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return cast(HttpResponse, stream)  # both are served alike; the decorator wants one type
    return _xlsx_response(rows, f"{name}.xlsx")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _DeletedOnClose(io.FileIO):
    """A temporary file read back once, deleted when closed (FileResponse closes it)."""

    def close(self) -> None:
        try:
            super().close()
        finally:
            Path(str(self.name)).unlink(missing_ok=True)


def _write_xlsx(path: str, rows: Iterator[list[Any]]) -> None:
    """Rows to an XLSX file on disk; constant_memory flushes each row as it is written."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    try:
        sheet = workbook.add_worksheet("dose")
        sheet.write_row(0, 0, queries.EXPORT_HEADER)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, [str(v) if isinstance(v, dt.date) else v for v in row])
    finally:
        workbook.close()


def _xlsx_response(rows: Iterator[list[Any]], filename: str) -> HttpResponse:
    """The workbook written to a temporary file, then streamed back from disk in chunks; the file
    is deleted when the response is closed, or at once if writing it fails."""
    handle, path = tempfile.mkstemp(prefix="irsuite-dose-", suffix=".xlsx")
    os.close(handle)
    try:
        _write_xlsx(path, rows)
        stream = _DeletedOnClose(path, "rb")
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    response = FileResponse(stream, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    return cast(HttpResponse, response)
