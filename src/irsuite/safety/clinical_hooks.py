"""Registers the day-of-procedure pages with the rest of the system: panels on the request and
procedure pages, and the reference-data check of `irsuite load-reference`. Idempotent."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from irsuite.cases import hooks
from irsuite.cases.models import Procedure, Request
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability
from irsuite.reference.loader import EXTRA_LOADERS
from irsuite.safety.clinical_models import ProcedureReport, SedationRecord
from irsuite.safety.clinical_reference import checklist_definition, validate_all

C = Capability


def request_panel(req: Request, http_request: Any) -> dict[str, Any] | None:
    """Consent, checklist and recovery status on the request page."""
    if not has_capability(http_request.user, C.CONSENT, C.CHECKLIST, C.SEDATION):
        return None
    from irsuite.safety.checklist.services import checklist_view_model
    from irsuite.safety.consent.services import current_consent

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


def procedure_panel(procedure: Procedure, http_request: Any) -> dict[str, Any] | None:
    """The structured report's status and link on the procedure page."""
    if not has_capability(http_request.user, C.RECORD_PROCEDURE):
        return None
    return {
        "report": ProcedureReport.objects.filter(procedure=procedure).first(),
        "url": reverse("safety:report", args=[procedure.pk]),
        "day_url": reverse("safety:checklist", args=[procedure.request_id]),
    }


def register() -> None:
    """Hook the day-of-procedure pages into requests, procedures and load-reference."""
    hooks.add_panel(
        hooks.REQUEST_PANELS,
        hooks.Panel("day_of_procedure", "safety/day_panel.html", request_panel, order=30),
    )
    hooks.add_panel(
        hooks.PROCEDURE_PANELS,
        hooks.Panel("report", "safety/report_panel.html", procedure_panel, order=10),
    )
    EXTRA_LOADERS["checklist.toml, recovery.toml, report_templates.toml"] = validate_all
