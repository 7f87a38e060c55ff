"""Blocks the outcomes app adds to the procedure page."""

from __future__ import annotations

from typing import Any

from irsuite.cases.hooks import PROCEDURE_PANELS, Panel, add_panel
from irsuite.cases.models import Procedure
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability


def procedure_panel(procedure: Procedure, request: Any) -> dict[str, Any] | None:
    """Adverse events and the review flag, for those who record outcomes or see quality."""
    user = getattr(request, "user", None)
    if not has_capability(user, Capability.RECORD_OUTCOME, Capability.VIEW_QUALITY):
        return None
    review = None
    if has_capability(user, Capability.PEER_REVIEW):
        review = getattr(procedure, "review_case", None)
    return {
        "procedure": procedure,
        "events": procedure.adverse_events.prefetch_related("gradings"),
        "can_record": has_capability(user, Capability.RECORD_OUTCOME),
        "review": review,
    }


def register() -> None:
    """Register the panels (from the app config)."""
    add_panel(
        PROCEDURE_PANELS,
        Panel("outcomes", "outcomes/panel_procedure.html", procedure_panel, order=70),
    )
