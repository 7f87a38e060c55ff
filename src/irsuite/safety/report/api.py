"""API: the structured report of a procedure (read, pre-filled on first read; sign)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from irsuite.apiutil import ensure
from irsuite.bounds import DbId
from irsuite.people.access import allow
from irsuite.people.roles import Capability
from irsuite.safety.queries import visible_procedure
from irsuite.safety.report import services as reports
from irsuite.safety.report.models import ProcedureReport

router = Router(tags=["safety"])
C = Capability
# The operation ids the API published before the report had its own module.
_ID = "irsuite_safety_clinical_api_"


def _report_json(report: ProcedureReport) -> dict[str, Any]:
    return {
        "procedure_id": report.procedure_id,
        "status": report.status,
        "version": report.version,
        "signed_at": report.signed_at,
        "signed_by": report.signed_by.display_name if report.signed_by else None,
        "sections": report.sections,
        "problems": list(reports.signing_problems(reports.draft_of(report))),
        "plan": [
            {
                "kind": p.kind,
                "after_days": p.after_days,
                "text": p.text,
                "source": p.source,
                "included": p.included,
                "task_id": p.task_id,
            }
            for p in report.plan.all()
        ],
    }


@router.get("/safety/procedures/{procedure_id}/report", operation_id=_ID + "report")
@allow(C.RECORD_PROCEDURE, C.VIEW_CODING)
def report(request: HttpRequest, procedure_id: DbId) -> dict[str, Any]:
    """The structured report (pre-filled from the case record on first read)."""
    procedure = visible_procedure(request, procedure_id)
    existing = ProcedureReport.objects.filter(procedure=procedure).first()
    if existing is None:
        ensure(request, C.RECORD_PROCEDURE)
        existing = reports.open_report(procedure, by=request.user)
    return _report_json(existing)


@router.post("/safety/procedures/{procedure_id}/report/sign", operation_id=_ID + "sign")
@allow(C.SIGN_PROCEDURE)
def sign(request: HttpRequest, procedure_id: DbId) -> dict[str, Any]:
    """Sign and lock the report (attendings); completes the request and creates follow-ups."""
    procedure = visible_procedure(request, procedure_id)
    existing = get_object_or_404(ProcedureReport, procedure=procedure)
    return _report_json(reports.sign_report(existing, by=request.user))
