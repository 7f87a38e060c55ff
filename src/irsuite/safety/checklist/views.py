"""Pages: the safety checklist on a tablet, one tap per answer (HTMX fragments)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from irsuite.cases.models import Request
from irsuite.domain.checklist import Phase
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.roles import Capability
from irsuite.safety.checklist import services as svc
from irsuite.safety.queries import visible_request
from irsuite.safety.reference import checklist_definition

C = Capability
LABELS = {"confirmed": "Confirmed", "yes": "Yes", "no": "No", "na": "Not applicable"}


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


def _messages(error: ServiceError) -> list[str]:
    detail = error.detail if isinstance(error.detail, dict) else {}
    problems = detail.get("problems") or []
    return [p["message"] for p in problems] or [error.message]


def _respond(
    http: HttpRequest, req: Request, action: Callable[[], object], phase: str, ok: str
) -> HttpResponse:
    """Run one checklist step; answer with the checklist fragment (HTMX) or the page again,
    showing each problem of a refusal beside ``phase``."""
    refusal: list[str] = []
    try:
        action()
    except ServiceError as error:
        refusal = _messages(error)
    if getattr(http, "htmx", False):
        return render(http, "safety/checklist.html#body", _context(req, refusal, phase))
    for message in refusal:
        messages.error(http, message)
    if not refusal:  # the HTMX fragment shows the answer itself; a full page says it here
        messages.success(http, ok)
    return redirect("safety:checklist", req.pk)


@require(C.CHECKLIST)
def checklist_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """Sign-in, time-out and sign-out with every answer, who gave it and when."""
    return render(http, "safety/checklist.html", _context(visible_request(http, request_id)))


@require_POST
@require(C.CHECKLIST)
def checklist_answer(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    item_id = http.POST.get("item", "")
    item = checklist_definition().item(item_id)
    value = http.POST.get("value", "")
    return _respond(
        http,
        req,
        lambda: svc.answer_item(req, item_id=item_id, value=value, by=http.user),
        item.phase.value if item else "",
        f"Answer recorded: {item.text} — {_label(value)}." if item else "Answer recorded.",
    )


@require_POST
@require(C.CHECKLIST)
def checklist_complete(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    phase = http.POST.get("phase", "")
    done = f"{phase.replace('_', ' ').capitalize()} complete."
    return _respond(
        http, req, lambda: svc.complete_phase(req, phase=phase, by=http.user), phase, done
    )


@require_POST
@require(C.CHECKLIST)
def checklist_site(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    note = http.POST.get("note", "")
    return _respond(
        http,
        req,
        lambda: svc.mark_site(req, note=note, by=http.user),
        Phase.SIGN_IN,
        "Procedure site marked.",
    )
