"""Credentialing report per operator and period, as a page and as a PDF (WeasyPrint)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.outcomes.credentialing.queries import build_report
from irsuite.outcomes.pages import int_param, period
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Staff
from irsuite.people.policy import NOT_FOUND
from irsuite.people.roles import Capability, StaffRole


@require(Capability.VIEW_CREDENTIALING, Capability.REVIEW_CREDENTIALING)
def credentialing(request: HttpRequest) -> HttpResponse:
    """Choose an operator and period; show the report or download it as a PDF.

    An operator reads their own report; the quality lead reads every operator's. Another
    operator's report is answered as one that does not exist.
    """
    me = staff_of(request.user)
    chosen = int_param(request, "operator") or (me.pk if me else None)
    reviewer = has_capability(request.user, Capability.REVIEW_CREDENTIALING)
    if chosen is not None and (me is None or chosen != me.pk) and not reviewer:
        raise Http404(NOT_FOUND)
    start, end = period(request)
    operators = Staff.objects.filter(role__in=[StaffRole.ATTENDING, StaffRole.QUALITY_LEAD])
    context = {"operators": operators if reviewer else [], "date_from": start, "date_to": end}
    if chosen is None:
        return render(request, "outcomes/credentialing.html", context)
    operator = get_object_or_404(Staff, pk=chosen)
    report = build_report(operator, start, end)
    context["report"] = report
    if request.GET.get("format") != "pdf":
        return render(request, "outcomes/credentialing.html", context)
    from weasyprint import HTML

    html = render_to_string("outcomes/credentialing_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    record(request.user, AuditAction.EXPORT, operator, summary="credentialing report exported")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="credentialing-{operator.pk}-{start}-{end}.pdf"'
    )
    return response
