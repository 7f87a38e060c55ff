"""Registers the day-of-procedure panel (consent, checklist, recovery) on the request page.
Called from the safety app's ``ready()``; idempotent."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from irsuite.cases import hooks
from irsuite.cases.models import Request, RequestStatus
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability
from irsuite.safety.checklist.gate import start_guard
from irsuite.safety.checklist.services import checklist_view_model
from irsuite.safety.consent.services import current_consent
from irsuite.safety.reference import checklist_definition
from irsuite.safety.sedation.models import SedationRecord

C = Capability


def request_panel(req: Request, http_request: Any) -> dict[str, Any] | None:
    """Consent, checklist and recovery status on the request page."""
    if not has_capability(http_request.user, C.CONSENT, C.CHECKLIST, C.SEDATION):
        return None
    view = checklist_view_model(req)
    return {
        "req": req,
        "consent": current_consent(req),
        "checklist_current": view["current"] and checklist_definition().phase(view["current"]),
        "checklist_complete": view["complete"],
        "sedation": SedationRecord.objects.filter(request=req).first(),
        "urls": {
            "consent": reverse("safety:consent", args=[req.pk]),
            "checklist": reverse("safety:checklist", args=[req.pk]),
            "sedation": reverse("safety:sedation", args=[req.pk]),
        },
    }


def register() -> None:
    """Hook the day-of-procedure panel into the request page, and the start gate into the
    request's workflow (consent and time-out before "in progress")."""
    hooks.add_panel(
        hooks.REQUEST_PANELS,
        hooks.Panel("day_of_procedure", "safety/day_panel.html", request_panel, order=30),
    )
    hooks.add_transition_guard(RequestStatus.IN_PROGRESS, start_guard)
