"""Pages: the safety checklist on a tablet, one tap per answer (HTMX fragments)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.cases.models import Request
from irsuite.cases.queries import visible_requests
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.roles import Capability
from irsuite.safety.checklist import services as svc
from irsuite.safety.clinical_reference import checklist_definition

C = Capability
LABELS = {"confirmed": "Confirmed", "yes": "Yes", "no": "No", "na": "Not applicable"}


def _request(http: HttpRequest, request_id: int) -> Request:
    return get_object_or_404(visible_requests(http.user), pk=request_id)


def _label(value: str) -> str:
    return LABELS.get(value, value.replace("_", " ").capitalize())


def _context(req: Request, refusal: list[str] | None = None, phase: str = "") -> dict[str, Any]:
    view = svc.checklist_view_model(req)
    for phase_view in view["phases"]:
        for row in phase_view["items"]:
            allowed = row["item"].allowed_values()
            row["options"] = [(v, _label(v)) for v in allowed] if allowed is not None else None
            row["label"] = _label(row["answer"].value) if row["answer"] else ""
    return {"req": req, **view, "refusal": refusal or [], "refused_phase": phase}


def _respond(http: HttpRequest, req: Request, refusal: list[str], phase: str) -> HttpResponse:
    if getattr(http, "htmx", False):
        return render(http, "safety/checklist.html#body", _context(req, refusal, phase))
    for message in refusal:
        messages.error(http, message)
    return redirect("safety:checklist", req.pk)


def _messages(error: ServiceError) -> list[str]:
    detail = error.detail if isinstance(error.detail, dict) else {}
    problems = detail.get("problems") or []
    return [p["message"] for p in problems] or [error.message]


@require(C.CHECKLIST)
def checklist_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """Sign-in, time-out and sign-out with every answer, who gave it and when."""
    return render(http, "safety/checklist.html", _context(_request(http, request_id)))


@require_POST
@require(C.CHECKLIST)
def checklist_answer(http: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(http, request_id)
    item_id = http.POST.get("item", "")
    item = checklist_definition().item(item_id)
    refusal: list[str] = []
    try:
        svc.answer_item(req, item_id=item_id, value=http.POST.get("value", ""), by=http.user)
    except ServiceError as error:
        refusal = _messages(error)
    return _respond(http, req, refusal, item.phase.value if item else "")


@require_POST
@require(C.CHECKLIST)
def checklist_complete(http: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(http, request_id)
    phase = http.POST.get("phase", "")
    refusal: list[str] = []
    try:
        svc.complete_phase(req, phase=phase, by=http.user)
    except ServiceError as error:
        refusal = _messages(error)
    return _respond(http, req, refusal, phase)


@require_POST
@require(C.CHECKLIST)
def checklist_site(http: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(http, request_id)
    refusal: list[str] = []
    try:
        svc.mark_site(req, note=http.POST.get("note", ""), by=http.user)
    except ServiceError as error:
        refusal = _messages(error)
    return _respond(http, req, refusal, "sign_in")
