"""The procedure page's "where the times came from" panel (registered through cases hooks)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from irsuite.cases.models import Procedure
from irsuite.interop.dicom.models import PerformedStep
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability

TIME_FIELDS = (
    ("in_room_at", "In room"),
    ("start_at", "Start"),
    ("end_at", "End"),
    ("out_at", "Out of room"),
)


def time_sources(procedure: Procedure, steps: list[PerformedStep]) -> list[dict[str, Any]]:
    """Each procedure time with its source: the MPPS that wrote it, typed, or not yet known."""
    rows = []
    for name, label in TIME_FIELDS:
        value = getattr(procedure, name)
        source = None
        for step in steps:
            if value is not None and step.stamped.get(name) == value.isoformat():
                source = step
        rows.append(
            {
                "label": label,
                "value": value,
                "mpps": source,
                "typed": value is not None and source is None,
            }
        )
    return rows


def procedure_times_panel(procedure: Procedure, request: HttpRequest) -> dict[str, Any] | None:
    """Shown to those who see the procedure record when a modality reported on it."""
    if not has_capability(request.user, Capability.RECORD_PROCEDURE, Capability.VIEW_WORKLIST):
        return None
    steps = list(PerformedStep.objects.filter(procedure=procedure).order_by("created_at"))
    if not steps:
        return None
    return {"times": time_sources(procedure, steps), "performed_steps": steps}
