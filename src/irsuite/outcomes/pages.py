"""Small helpers shared by the outcomes pages: period parsing, CSV responses."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from irsuite.bounds import bounded_int, query_date
from irsuite.domain.spreadsheet import inert_row

DEFAULT_PERIOD_DAYS = 365


def parse_day(value: str | None) -> dt.date | None:
    """An ISO date from a query parameter, or None when absent, malformed or out of range."""
    return query_date(value)


def period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    """The ``from``/``to`` period of a page (default: the last year up to today)."""
    today = timezone.localdate()
    end = parse_day(request.GET.get("to")) or today
    start = parse_day(request.GET.get("from")) or end - dt.timedelta(days=DEFAULT_PERIOD_DAYS)
    if start > end:
        start, end = end, start
    return start, end


def int_param(request: HttpRequest, name: str) -> int | None:
    """A whole-number query parameter, or None."""
    return bounded_int(request.GET.get(name, ""))


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """A CSV download whose cells a spreadsheet program shows as text, never runs."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(inert_row(row) for row in rows)
    return response
