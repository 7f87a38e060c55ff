"""The dose export: every study of the dashboard's period as streaming CSV or XLSX.

A workbook of more than `XLSX_IN_REQUEST` studies is written by a background task instead
(`export.tasks`): the page follows its progress and offers the file when it is ready.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.background import enqueue
from irsuite.domain.spreadsheet import inert_row
from irsuite.dose.dashboard.queries import dose_filter
from irsuite.dose.export.queries import EXPORT_HEADER, export_rows
from irsuite.dose.export.tasks import export_dose_xlsx, export_path
from irsuite.dose.studies.models import DoseStudy
from irsuite.people.access import require
from irsuite.people.roles import Capability as C

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Above this many studies a workbook is written by a worker, not while the browser waits.
XLSX_IN_REQUEST = 20_000


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterator[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_HEADER)
    for row in rows:
        yield writer.writerow(inert_row(row))


@require(C.VIEW_DOSE)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """All studies of the period as streaming CSV or XLSX (no patient identifiers)."""
    f = dose_filter(request.GET, timezone.localdate())
    record(
        request.user,
        AuditAction.EXPORT,
        object_type="dose.dosestudy",
        summary=f"dose export {fmt} {f.date_from}..{f.date_to}",
    )
    rows = export_rows(f.date_from, f.date_to)
    name = f"dose-{f.date_from}-{f.date_to}"
    if fmt == "csv":
        stream = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        stream["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return cast(HttpResponse, stream)  # both are served alike; the decorator wants one type
    total = DoseStudy.objects.filter(study_date__gte=f.date_from, study_date__lte=f.date_to).count()
    if total > XLSX_IN_REQUEST:
        ident = enqueue(
            export_dose_xlsx,
            request.user.pk,
            f.date_from.isoformat(),
            f.date_to.isoformat(),
            total,
            label=f"Dose export {f.date_from} to {f.date_to} ({total} studies)",
            by=request.user,
        )
        return render(request, "dose/export_queued.html", {"task_id": ident, "total": total})
    return _xlsx_response(rows, f"{name}.xlsx")


@require(C.VIEW_DOSE)
def export_file(request: HttpRequest, export_uuid: UUID) -> HttpResponse:
    """A workbook written by a background export, for the one who asked for it (others: 404)."""
    row = DBTaskResult.objects.filter(pk=export_uuid).first()
    path = export_path(str(export_uuid))
    if row is None or row.args_kwargs["args"][:1] != [request.user.pk] or not path.exists():
        raise Http404("No such export; it may have been removed. Export again.")
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=path.name, content_type=XLSX_TYPE
    )
    return cast(HttpResponse, response)


class _DeletedOnClose(io.FileIO):
    """A temporary file read back once, deleted when closed (FileResponse closes it)."""

    def close(self) -> None:
        try:
            super().close()
        finally:
            Path(str(self.name)).unlink(missing_ok=True)


def write_xlsx(path: str, rows: Iterator[list[Any]]) -> None:
    """Rows to an XLSX file on disk; constant_memory flushes each row as it is written.

    Text is written as text, never turned into a formula or a link (OWASP "CSV injection"):
    the cell shows the value as it was recorded; numbers stay numbers.
    """
    import xlsxwriter

    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(path, options)
    try:
        sheet = workbook.add_worksheet("dose")
        sheet.write_row(0, 0, EXPORT_HEADER)
        for index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                _write_cell(sheet, index, column, value)
    finally:
        workbook.close()


def _write_cell(sheet: Any, row: int, column: int, value: object) -> None:
    if isinstance(value, bool | int | float):
        sheet.write_number(row, column, value)
    elif value is None or value == "":
        sheet.write_blank(row, column, None)
    else:
        sheet.write_string(row, column, str(value))


def _xlsx_response(rows: Iterator[list[Any]], filename: str) -> HttpResponse:
    """The workbook written to a temporary file, then streamed back from disk in chunks; the file
    is deleted when the response is closed, or at once if writing it fails."""
    handle, path = tempfile.mkstemp(prefix="irsuite-dose-", suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(path, rows)
        stream = _DeletedOnClose(path, "rb")
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    response = FileResponse(stream, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    return cast(HttpResponse, response)
