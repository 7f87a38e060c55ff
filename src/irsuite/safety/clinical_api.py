"""API: consent status, the safety checklist (read, answer, complete) and the structured report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from irsuite.apiutil import ensure
from irsuite.cases.models import Procedure, Request
from irsuite.cases.queries import visible_requests
from irsuite.people.roles import Capability
from irsuite.safety.checklist import services as checklists
from irsuite.safety.clinical_models import ProcedureReport
from irsuite.safety.consent.services import current_consent
from irsuite.safety.report import services as reports

router = Router(tags=["safety"])
C = Capability


class ConsentOut(Schema):
    request_id: int
    consent_id: int | None
    status: str
    method: str
    signed_at: dt.datetime | None
    consented_by: str
    interpreter: bool
    witness: bool


class AnswerIn(Schema):
    item: str
    value: str


class PhaseIn(Schema):
    phase: str


def _request(http: HttpRequest, request_id: int) -> Request:
    return get_object_or_404(visible_requests(http.user), pk=request_id)


def _procedure(http: HttpRequest, procedure_id: int) -> Procedure:
    procedure = get_object_or_404(Procedure, pk=procedure_id)
    _request(http, procedure.request_id)
    return procedure


@router.get("/safety/requests/{request_id}/consent", response=ConsentOut)
def consent_status(request: HttpRequest, request_id: int) -> dict[str, Any]:
    """The current consent of a request (status "none" when there is none)."""
    ensure(request, C.CONSENT, C.CHECKLIST)
    req = _request(request, request_id)
    consent = current_consent(req)
    if consent is None:
        return {
            "request_id": req.pk,
            "consent_id": None,
            "status": "none",
            "method": "",
            "signed_at": None,
            "consented_by": "",
            "interpreter": False,
            "witness": False,
        }
    return {
        "request_id": req.pk,
        "consent_id": consent.pk,
        "status": consent.status,
        "method": consent.method,
        "signed_at": consent.signed_at,
        "consented_by": consent.consented_by.display_name if consent.consented_by else "",
        "interpreter": bool(consent.interpreter_name),
        "witness": bool(consent.witness_name),
    }


def _checklist_json(req: Request) -> dict[str, Any]:
    view = checklists.checklist_view_model(req)
    phases = []
    for phase in view["phases"]:
        completion = phase["completion"]
        phases.append(
            {
                "phase": phase["spec"].phase.value,
                "completed_by": completion.by if completion else None,
                "completed_at": completion.at if completion else None,
                "items": [
                    {
                        "id": row["item"].id,
                        "text": row["item"].text,
                        "answer_type": row["item"].answer_type.value,
                        "gates": row["item"].gates,
                        "value": row["answer"].value if row["answer"] else None,
                        "by": row["answer"].by if row["answer"] else None,
                        "at": row["answer"].at if row["answer"] else None,
                    }
                    for row in phase["items"]
                ],
                "blockers": [
                    {"code": b.code.value, "message": b.message, "item": b.item_id}
                    for b in phase["blockers"]
                ],
            }
        )
    facts = view["facts"]
    return {
        "request_id": req.pk,
        "current_phase": view["current"].value if view["current"] else None,
        "complete": view["complete"],
        "consent_signed": facts.consent_signed,
        "bleeding_plan_cleared": facts.bleeding_plan_cleared,
        "site_marking_applies": facts.site_marking_applies,
        "site_marked": facts.site_marked,
        "phases": phases,
    }


@router.get("/safety/requests/{request_id}/checklist")
def checklist(request: HttpRequest, request_id: int) -> dict[str, Any]:
    """Every phase with its items, answers (who, when) and what still blocks it."""
    ensure(request, C.CHECKLIST)
    return _checklist_json(_request(request, request_id))


@router.post("/safety/requests/{request_id}/checklist/answers")
def answer(request: HttpRequest, request_id: int, payload: AnswerIn) -> dict[str, Any]:
    """Answer one item; a refused answer is a 422 listing what to do."""
    ensure(request, C.CHECKLIST)
    req = _request(request, request_id)
    checklists.answer_item(req, item_id=payload.item, value=payload.value, by=request.user)
    return _checklist_json(req)


@router.post("/safety/requests/{request_id}/checklist/phases")
def complete(request: HttpRequest, request_id: int, payload: PhaseIn) -> dict[str, Any]:
    """Complete a phase; the time-out is refused (422) without consent, plan or marking."""
    ensure(request, C.CHECKLIST)
    req = _request(request, request_id)
    checklists.complete_phase(req, phase=payload.phase, by=request.user)
    return _checklist_json(req)


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


@router.get("/safety/procedures/{procedure_id}/report")
def report(request: HttpRequest, procedure_id: int) -> dict[str, Any]:
    """The structured report (pre-filled from the case record on first read)."""
    ensure(request, C.RECORD_PROCEDURE, C.VIEW_CODING)
    procedure = _procedure(request, procedure_id)
    existing = ProcedureReport.objects.filter(procedure=procedure).first()
    if existing is None:
        ensure(request, C.RECORD_PROCEDURE)
        existing = reports.open_report(procedure, by=request.user)
    return _report_json(existing)


@router.post("/safety/procedures/{procedure_id}/report/sign")
def sign(request: HttpRequest, procedure_id: int) -> dict[str, Any]:
    """Sign and lock the report (attendings); completes the request and creates follow-ups."""
    ensure(request, C.SIGN_PROCEDURE)
    procedure = _procedure(request, procedure_id)
    existing = get_object_or_404(ProcedureReport, procedure=procedure)
    return _report_json(reports.sign_report(existing, by=request.user))
