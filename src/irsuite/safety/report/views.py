"""Pages: the structured procedure report: edit, plan, sign, addenda, PDF."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.cases.models import Procedure
from irsuite.domain.catalogue import FollowUpKind
from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability
from irsuite.safety.pages import posted_version, run_service
from irsuite.safety.pdf import render_pdf
from irsuite.safety.queries import visible_procedure
from irsuite.safety.report import services as svc
from irsuite.safety.report.models import PlanItem, ProcedureReport

C = Capability

# Who reads a signed report without writing it: the coder codes from it, the referrer reads
# the result of their own request (the request scope keeps them to their own).
READERS = (C.VIEW_CODING, C.VIEW_OWN_REQUESTS)
NOT_SIGNED_YET = (
    "The report is not signed yet: it becomes readable here once the attending signs it."
)


def _context(procedure: Procedure, report: ProcedureReport) -> dict[str, object]:
    draft = svc.draft_of(report)
    return {
        "procedure": procedure,
        "req": procedure.request,
        "report": report,
        "sections": draft.sections,
        "problems": svc.signing_problems(draft),
        "plan": report.plan.all(),
        "kinds": [k.value for k in FollowUpKind],
        "addenda": procedure.addenda.select_related("author"),
        "attending": svc.attending_of(procedure),
    }


def _read_only(http: HttpRequest, procedure: Procedure) -> HttpResponse:
    """The signed report for those who read it without writing it (coder, referrer)."""
    report = ProcedureReport.objects.filter(procedure=procedure).first()
    if report is None or not report.is_signed:
        return render(
            http,
            "safety/report.html",
            {"procedure": procedure, "req": procedure.request, "not_signed": NOT_SIGNED_YET},
        )
    context = _context(procedure, report)
    context["read_only"] = True
    return render(http, "safety/report.html", context)


@require(C.RECORD_PROCEDURE, *READERS)
def report_page(http: HttpRequest, procedure_id: int) -> HttpResponse:
    """The report, pre-filled from the case record the first time it is opened; those who
    do not record procedures read it once it is signed."""
    procedure = visible_procedure(http, procedure_id)
    if not has_capability(http.user, C.RECORD_PROCEDURE):
        return _read_only(http, procedure)
    try:
        report = svc.open_report(procedure, by=http.user)
    except ServiceError as error:
        messages.error(http, error.message)
        return redirect("web:home")
    context = _context(procedure, report)
    context["can_sign"] = has_capability(http.user, C.SIGN_PROCEDURE)
    return render(http, "safety/report.html", context)


def _do(
    http: HttpRequest, procedure: Procedure, action: Callable[[], object], ok: str
) -> HttpResponse:
    run_service(http, action, ok)
    return redirect("safety:report", procedure.pk)


def _report(http: HttpRequest, procedure_id: int) -> tuple[Procedure, ProcedureReport]:
    procedure = visible_procedure(http, procedure_id)
    return procedure, get_object_or_404(ProcedureReport, procedure=procedure)


@require_POST
@require(C.RECORD_PROCEDURE)
def report_edit(http: HttpRequest, procedure_id: int) -> HttpResponse:
    procedure, report = _report(http, procedure_id)
    sections = {
        key.removeprefix("section_"): str(http.POST.get(key, ""))
        for key in http.POST
        if key.startswith("section_")
    }
    return _do(
        http,
        procedure,
        lambda: svc.edit_report(
            report, sections=sections, by=http.user, version=posted_version(http)
        ),
        "Report saved.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def report_refill(http: HttpRequest, procedure_id: int) -> HttpResponse:
    procedure, report = _report(http, procedure_id)
    return _do(
        http,
        procedure,
        lambda: svc.refill_report(report, by=http.user),
        "Report filled in again from the case record.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def report_order(http: HttpRequest, procedure_id: int) -> HttpResponse:
    procedure, report = _report(http, procedure_id)
    days = http.POST.get("after_days", "")
    return _do(
        http,
        procedure,
        lambda: svc.add_order(
            report,
            kind=http.POST.get("kind", ""),
            after_days=int(days) if days.isdigit() else -1,
            text=http.POST.get("text", ""),
            by=http.user,
        ),
        "Follow-up order added to the plan.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def report_plan_item(http: HttpRequest, procedure_id: int, item_id: int) -> HttpResponse:
    procedure = visible_procedure(http, procedure_id)
    item = get_object_or_404(PlanItem, pk=item_id, report__procedure=procedure)
    included = http.POST.get("included") == "1"
    return _do(
        http,
        procedure,
        lambda: svc.include_plan_item(item, included=included, by=http.user),
        "Plan item included." if included else "Plan item left out.",
    )


@require_POST
@require(C.SIGN_PROCEDURE)
def report_sign(http: HttpRequest, procedure_id: int) -> HttpResponse:
    procedure, report = _report(http, procedure_id)
    return _do(
        http,
        procedure,
        lambda: svc.sign_report(report, by=http.user, version=posted_version(http)),
        "Report signed.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def report_addendum(http: HttpRequest, procedure_id: int) -> HttpResponse:
    procedure = visible_procedure(http, procedure_id)
    return _do(
        http,
        procedure,
        lambda: svc.add_report_addendum(procedure, text=http.POST.get("text", ""), by=http.user),
        "Addendum added to the report.",
    )


@require(C.RECORD_PROCEDURE, *READERS)
def report_pdf(http: HttpRequest, procedure_id: int) -> HttpResponse:
    """The report as a PDF (marked draft until signed), with its addenda; those who do not
    record procedures get it once it is signed."""
    procedure, report = _report(http, procedure_id)
    if not report.is_signed and not has_capability(http.user, C.RECORD_PROCEDURE):
        raise Http404(NOT_SIGNED_YET)
    pdf = render_pdf("safety/report_pdf.html", _context(procedure, report))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-{procedure.pk}.pdf"'
    return response
