"""The patient page's timeline of requests and procedures (a panel on the patient page)."""

from __future__ import annotations

from typing import Any

from irsuite.cases.models import Procedure, Request
from irsuite.panels import Panel, add_panel
from irsuite.patients.hooks import PATIENT_PANELS
from irsuite.patients.models import Patient


def timeline(patient: Patient) -> list[dict[str, Any]]:
    """Requests and procedures, newest first."""
    events: list[dict[str, Any]] = []
    for req in Request.objects.filter(patient=patient).select_related("catalogue_entry"):
        events.append({"at": req.requested_at, "kind": "request", "obj": req})
    for proc in Procedure.objects.filter(request__patient=patient).select_related(
        "request__catalogue_entry", "room"
    ):
        if proc.start_at or proc.in_room_at:
            events.append(
                {"at": proc.start_at or proc.in_room_at, "kind": "procedure", "obj": proc}
            )
    return sorted(events, key=lambda e: e["at"], reverse=True)


def _timeline_panel(patient: Patient, request: Any) -> dict[str, Any]:
    return {"timeline": timeline(patient)}


def register() -> None:
    add_panel(
        PATIENT_PANELS,
        Panel("timeline", "cases/patient_timeline.html", _timeline_panel, order=0),
    )
