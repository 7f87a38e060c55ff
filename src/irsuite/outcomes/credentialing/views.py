"""Credentialing report per operator and period, as a page and as a PDF (WeasyPrint)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.bounds import query_int
from irsuite.cases.models import CatalogueEntry
from irsuite.outcomes.credentialing.queries import (
    EntryFilters,
    Standard,
    build_report,
    matching_entries,
)
from irsuite.outcomes.pages import int_param, period
from irsuite.paging import paged, query_choice
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Staff
from irsuite.people.policy import NOT_FOUND
from irsuite.people.roles import Capability, StaffRole

ENTRIES_PER_PAGE = 10  # procedures, each a table of its indicators


def filters_from(request: HttpRequest) -> EntryFilters:
    """The report's procedure filters from the address; a value that is not valid is ignored,
    and the page says so."""
    standard = query_choice(request, "standard", Standard.values)
    return EntryFilters(
        entry=query_int(request, "procedure"),
        standard=Standard(standard) if standard else None,
    )


def _operator_asked(request: HttpRequest) -> tuple[int | None, bool]:
    """The operator whose report is asked for (default: me) and whether the user reviews
    everyone's; another operator's report is answered as one that does not exist."""
    me = staff_of(request.user)
    chosen = int_param(request, "operator") or (me.pk if me else None)
    reviewer = has_capability(request.user, Capability.REVIEW_CREDENTIALING)
    if chosen is not None and (me is None or chosen != me.pk) and not reviewer:
        raise Http404(NOT_FOUND)
    return chosen, reviewer


@require(Capability.VIEW_CREDENTIALING, Capability.REVIEW_CREDENTIALING)
def credentialing(request: HttpRequest) -> HttpResponse:
    """Choose an operator, period and procedures; show the report a page of procedures at a
    time, or download all the chosen procedures as a PDF.

    An operator reads their own report; the quality lead reads every operator's.
    """
    chosen, reviewer = _operator_asked(request)
    start, end = period(request)
    filters = filters_from(request)
    operators = Staff.objects.filter(role__in=[StaffRole.ATTENDING, StaffRole.QUALITY_LEAD])
    context: dict[str, Any] = {
        "operators": operators if reviewer else [],
        "date_from": start,
        "date_to": end,
        "filters": filters,
        "standards": Standard.choices,
        "entries": CatalogueEntry.objects.order_by("name").only("pk", "name"),
    }
    if chosen is None:
        return render(request, "outcomes/credentialing.html", context)
    operator = get_object_or_404(Staff, pk=chosen)
    matching = matching_entries(operator, start, end, filters)
    if request.GET.get("format") == "pdf":
        return _pdf(request, {**context, "report": build_report(operator, start, end, matching)})
    page = paged(request, matching, ENTRIES_PER_PAGE)
    context.update(page=page, report=build_report(operator, start, end, page.rows))
    return render(request, "outcomes/credentialing.html", context)


def _pdf(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    from weasyprint import HTML

    report = context["report"]
    html = render_to_string("outcomes/credentialing_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    record(
        request.user, AuditAction.EXPORT, report.operator, summary="credentialing report exported"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="credentialing-{report.operator.pk}-'
        f'{report.date_from}-{report.date_to}.pdf"'
    )
    return response
