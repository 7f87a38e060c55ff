"""The dose panel on the procedure page (registered through the cases hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from irsuite.cases.hooks import PROCEDURE_PANELS, Panel, add_panel
from irsuite.cases.models import Procedure
from irsuite.dose.alerts.models import DoseAlert
from irsuite.dose.studies.models import DoseStudy
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability


def procedure_dose(procedure: Procedure, request: HttpRequest) -> dict[str, Any] | None:
    """The studies and alerts of a procedure, for those who may see dose."""
    if not has_capability(request.user, Capability.VIEW_DOSE):
        return None
    studies = list(DoseStudy.objects.filter(procedure=procedure).select_related("device"))
    if not studies and not procedure.entries.filter(fluoro_dose_expected=True).exists():
        return None
    alerts = list(DoseAlert.objects.filter(study__in=studies))
    return {"dose_studies": studies, "dose_alerts": alerts, "procedure": procedure}


def register() -> None:
    add_panel(PROCEDURE_PANELS, Panel("dose", "dose/panel.html", procedure_dose, order=40))
