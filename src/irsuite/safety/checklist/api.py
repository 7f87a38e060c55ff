"""API: the safety checklist of a request (read, answer, complete a phase)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router

from irsuite.bounds import QUERY_TEXT_MAX, DbId, Input, Line, Text, max_length
from irsuite.cases.models import Request
from irsuite.people.access import allow
from irsuite.people.roles import Capability
from irsuite.safety.checklist import services as checklists
from irsuite.safety.checklist.models import ChecklistAnswer
from irsuite.safety.queries import visible_request

router = Router(tags=["safety"])
C = Capability
# The operation ids the API published before the checklist had its own module.
_ID = "irsuite_safety_clinical_api_"


class AnswerIn(Input):
    item: Line = Field(..., max_length=max_length(ChecklistAnswer, "item_id"))
    value: Text


class PhaseIn(Input):
    phase: Line = Field(..., max_length=QUERY_TEXT_MAX)


def _item_json(row: dict[str, Any]) -> dict[str, Any]:
    item, answer = row["item"], row["answer"]
    return {
        "id": item.id,
        "text": item.text,
        "answer_type": item.answer_type.value,
        "gates": item.gates,
        "value": answer.value if answer else None,
        "by": answer.by if answer else None,
        "at": answer.at if answer else None,
    }


def _phase_json(phase: dict[str, Any]) -> dict[str, Any]:
    completion = phase["completion"]
    return {
        "phase": phase["spec"].phase.value,
        "completed_by": completion.by if completion else None,
        "completed_at": completion.at if completion else None,
        "items": [_item_json(row) for row in phase["items"]],
        "blockers": [
            {"code": b.code.value, "message": b.message, "item": b.item_id}
            for b in phase["blockers"]
        ],
    }


def _checklist_json(req: Request) -> dict[str, Any]:
    view = checklists.checklist_view_model(req)
    facts = view["facts"]
    return {
        "request_id": req.pk,
        "current_phase": view["current"].value if view["current"] else None,
        "complete": view["complete"],
        "consent_signed": facts.consent_signed,
        "bleeding_plan_cleared": facts.bleeding_plan_cleared,
        "site_marking_applies": facts.site_marking_applies,
        "site_marked": facts.site_marked,
        "phases": [_phase_json(phase) for phase in view["phases"]],
    }


@router.get("/safety/requests/{request_id}/checklist", operation_id=_ID + "checklist")
@allow(C.CHECKLIST)
def checklist(request: HttpRequest, request_id: DbId) -> dict[str, Any]:
    """Every phase with its items, answers (who, when) and what still blocks it."""
    return _checklist_json(visible_request(request, request_id))


@router.post("/safety/requests/{request_id}/checklist/answers", operation_id=_ID + "answer")
@allow(C.CHECKLIST)
def answer(request: HttpRequest, request_id: DbId, payload: AnswerIn) -> dict[str, Any]:
    """Answer one item; a refused answer is a 422 listing what to do."""
    req = visible_request(request, request_id)
    checklists.answer_item(req, item_id=payload.item, value=payload.value, by=request.user)
    return _checklist_json(req)


@router.post("/safety/requests/{request_id}/checklist/phases", operation_id=_ID + "complete")
@allow(C.CHECKLIST)
def complete(request: HttpRequest, request_id: DbId, payload: PhaseIn) -> dict[str, Any]:
    """Complete a phase; the time-out is refused (422) without consent, plan or marking."""
    req = visible_request(request, request_id)
    checklists.complete_phase(req, phase=payload.phase, by=request.user)
    return _checklist_json(req)
