"""The patient page's timeline of requests and procedures (a panel on the patient page)."""

from __future__ import annotations

from typing import Any

from irsuite.cases.models import Procedure, Request
from irsuite.panels import Panel, add_panel
from irsuite.patients.hooks import PATIENT_PANELS
from irsuite.patients.models import Patient
from irsuite.people.policy import scoped
from irsuite.people.roles import Capability as C

READERS = (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)


def timeline(patient: Patient, user: Any = None) -> list[dict[str, Any]]:
    """Requests and procedures, newest first; with `user`, only those in the user's reach
    (a referrer sees the requests they made, not another referrer's)."""
    requests = Request.objects.filter(patient=patient)
    procedures = Procedure.objects.filter(request__patient=patient)
    if user is not None:
        requests = scoped(user, READERS, requests)
        procedures = scoped(user, READERS, procedures)
    events: list[dict[str, Any]] = []
    for req in requests.select_related("catalogue_entry"):
        events.append({"at": req.requested_at, "kind": "request", "obj": req})
    for proc in procedures.select_related("request__catalogue_entry", "room"):
        if proc.start_at or proc.in_room_at:
            events.append(
                {"at": proc.start_at or proc.in_room_at, "kind": "procedure", "obj": proc}
            )
    return sorted(events, key=lambda e: e["at"], reverse=True)


def _timeline_panel(patient: Patient, request: Any) -> dict[str, Any]:
    return {"timeline": timeline(patient, getattr(request, "user", None))}


def register() -> None:
    add_panel(
        PATIENT_PANELS,
        Panel("timeline", "cases/patient_timeline.html", _timeline_panel, order=0),
    )
