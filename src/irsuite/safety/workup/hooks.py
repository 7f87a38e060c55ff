"""Registers the work-up with the rest of the system: the readiness gate, the request panel
and the reference-data loader. Called from the safety app's ``ready()``; idempotent."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from irsuite.cases import hooks
from irsuite.cases.models import Request, RequestStatus
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability
from irsuite.reference.loader import EXTRA_LOADERS
from irsuite.safety.checklist import services as checklist_services
from irsuite.safety.workup.models import WorkUp
from irsuite.safety.workup.reference import FILE_NAME, reload_reference
from irsuite.safety.workup.services import gate_problems, ready_guard


def request_panel(request_obj: Request, http_request: Any) -> dict[str, Any] | None:
    """The work-up summary on the request page, for those who may see work-ups."""
    if not has_capability(http_request.user, Capability.WORKUP):
        return None
    workup = WorkUp.objects.filter(request=request_obj).first()
    problems = gate_problems(workup, timezone.now()) if workup is not None else []
    return {
        "workup": workup,
        "gate_open": workup is not None and not problems,
        "problems": problems[:3],
        "url": reverse("safety:workup", args=[request_obj.pk]),
    }


def bleeding_plan_cleared(request_obj: Request) -> bool:
    """True when the request's bleeding-risk gate is open (cleared and signed, or overridden)."""
    workup = WorkUp.objects.filter(request=request_obj).first()
    return workup is not None and not gate_problems(workup, timezone.now())


def register() -> None:
    """Hook the work-up into requests, pages and ``irsuite load-reference``."""
    hooks.add_transition_guard(RequestStatus.READY, ready_guard)
    hooks.add_panel(
        hooks.REQUEST_PANELS,
        hooks.Panel("workup", "safety/workup_panel.html", request_panel, order=20),
    )
    EXTRA_LOADERS[FILE_NAME] = reload_reference
    checklist_services.register_bleeding_plan_check(bleeding_plan_cleared)


def unregister() -> None:
    """Undo :func:`register` (for tests that need the system without the gate)."""
    guards = hooks.TRANSITION_GUARDS.get(RequestStatus.READY, [])
    if ready_guard in guards:
        guards.remove(ready_guard)
    hooks.REQUEST_PANELS[:] = [p for p in hooks.REQUEST_PANELS if p.name != "workup"]
    EXTRA_LOADERS.pop(FILE_NAME, None)
    checks = checklist_services.BLEEDING_PLAN_CHECKS
    if bleeding_plan_cleared in checks:
        checks.remove(bleeding_plan_cleared)
