"""Registers the work-up with the rest of the system: the readiness gate, the request panel
and the reference-data loader. Called from the safety app's ``ready()``; idempotent."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from irsuite.cases import hooks
from irsuite.cases.hooks import Mark, Tone
from irsuite.cases.models import Request, RequestStatus, SedationType
from irsuite.patients.hooks import add_banner_alert
from irsuite.patients.models import Patient
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability
from irsuite.reference.loader import EXTRA_LOADERS
from irsuite.safety.checklist import services as checklist_services
from irsuite.safety.workup.models import WorkUp
from irsuite.safety.workup.plan import current_plan
from irsuite.safety.workup.reference import FILE_NAME, bleeding_rules, reload_reference
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


def anticoagulation_alert(patient: Patient) -> list[str]:
    """The banner's alert when the patient's latest work-up lists drugs affecting haemostasis
    (anticoagulants, antiplatelets), naming them."""
    latest = WorkUp.objects.filter(request__patient=patient).order_by("-updated_at").first()
    if latest is None:
        return []
    known = bleeding_rules().drugs
    drugs = sorted(
        {known[m.drug_id].label if m.drug_id in known else m.drug for m in latest.medications.all()}
    )
    return [f"Anticoagulated / antiplatelet: {', '.join(drugs)}"] if drugs else []


def sedation_from_the_plan(request_obj: Request) -> hooks.ProcedureStart:
    """A new procedure's sedation type starts from the work-up's sedation plan."""
    workup = WorkUp.objects.filter(request=request_obj).only("sedation_plan").first()
    plan = workup.sedation_plan if workup is not None else ""
    return hooks.ProcedureStart(sedation_type=plan if plan in SedationType.values else "")


def bleeding_plan_cleared(request_obj: Request) -> bool:
    """True when the request's bleeding-risk gate is open (cleared and signed, or overridden)."""
    workup = WorkUp.objects.filter(request=request_obj).first()
    return workup is not None and not gate_problems(workup, timezone.now())


# Past these the marks say nothing new: the case is done or will not happen.
SETTLED = {RequestStatus.COMPLETED, RequestStatus.CANCELLED, RequestStatus.REJECTED}


def _workup_marks(workup: WorkUp | None) -> list[Mark]:
    if workup is None:
        return [Mark("Work-up", "not started", Tone.TODO), Mark("Labs", "none", Tone.TODO)]
    now = timezone.now()
    outcome = current_plan(workup, now)
    problems = gate_problems(workup, now, outcome)
    if workup.override_at is not None:
        state = Mark("Work-up", "overridden", Tone.WARN)
    elif not problems:
        state = Mark("Work-up", "cleared and signed", Tone.OK)
    else:
        state = Mark("Work-up", "not cleared", Tone.WARN)
    if not workup.labs.all():
        labs = Mark("Labs", "none recorded", Tone.TODO)
    elif outcome.plan is not None and not outcome.plan.blocking:
        labs = Mark("Labs", "sufficient", Tone.OK)
    else:
        labs = Mark("Labs", "need attention", Tone.WARN)
    return [state, labs]


def workup_readiness(requests: list[Request]) -> dict[int, list[Mark]]:
    """Work-up and labs marks for each open request."""
    shown = [r for r in requests if r.status not in SETTLED]
    workups = {
        w.request_id: w
        for w in WorkUp.objects.filter(request__in=shown)
        .select_related("request__patient", "request__catalogue_entry")
        .prefetch_related("labs", "medications")
    }
    return {r.pk: _workup_marks(workups.get(r.pk)) for r in shown}


def register() -> None:
    """Hook the work-up into requests, pages and ``irsuite load-reference``."""
    hooks.add_transition_guard(RequestStatus.READY, ready_guard)
    hooks.add_panel(
        hooks.REQUEST_PANELS,
        hooks.Panel("workup", "safety/workup_panel.html", request_panel, order=20),
    )
    EXTRA_LOADERS[FILE_NAME] = reload_reference
    checklist_services.register_bleeding_plan_check(bleeding_plan_cleared)
    add_banner_alert(anticoagulation_alert)
    hooks.add_procedure_defaults(sedation_from_the_plan)
    hooks.add_readiness(workup_readiness)


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
