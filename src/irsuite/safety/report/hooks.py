"""Registers the structured report's panel on the procedure page. Called from the safety app's
``ready()``; idempotent."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from irsuite.cases import hooks
from irsuite.cases.models import Procedure
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability
from irsuite.safety.report.models import ProcedureReport


def procedure_panel(procedure: Procedure, http_request: Any) -> dict[str, Any] | None:
    """The structured report's status and link on the procedure page; those who read reports
    without writing them (coder, referrer) see the link once the report is signed."""
    user = http_request.user
    writer = has_capability(user, Capability.RECORD_PROCEDURE)
    if not writer and not has_capability(
        user, Capability.VIEW_CODING, Capability.VIEW_OWN_REQUESTS
    ):
        return None
    return {
        "report": ProcedureReport.objects.filter(procedure=procedure).first(),
        "url": reverse("safety:report", args=[procedure.pk]),
        "pdf_url": reverse("safety:report_pdf", args=[procedure.pk]),
        "day_url": reverse("safety:checklist", args=[procedure.request_id]) if writer else "",
        "writer": writer,
    }


def register() -> None:
    """Hook the report into the procedure page."""
    hooks.add_panel(
        hooks.PROCEDURE_PANELS,
        hooks.Panel("report", "safety/report_panel.html", procedure_panel, order=10),
    )
