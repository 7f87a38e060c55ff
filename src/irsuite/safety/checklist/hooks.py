"""Registers the day-of-procedure panel (consent, checklist, recovery) on the request page.
Called from the safety app's ``ready()``; idempotent."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from irsuite.cases import hooks
from irsuite.cases.hooks import Mark, Tone
from irsuite.cases.models import CaseRole, Request, RequestStatus
from irsuite.domain.checklist import Phase
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability, StaffRole
from irsuite.safety.checklist.gate import start_guard
from irsuite.safety.checklist.models import ChecklistPhaseCompletion
from irsuite.safety.checklist.services import checklist_view_model
from irsuite.safety.consent.models import Consent, ConsentStatus
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


# Who ran the checklist joins the procedure's team in their own role (operators are named by
# the attending: a checklist answer does not say who operated).
_CASE_ROLE_OF = {
    StaffRole.NURSE: CaseRole.NURSE,
    StaffRole.TECHNOLOGIST: CaseRole.TECHNOLOGIST,
    StaffRole.ANAESTHESIA: CaseRole.ANAESTHESIA,
}


def team_from_the_checklist(req: Request) -> hooks.ProcedureStart:
    """The nurses, technologists and anaesthetists who answered the request's checklist."""
    checklist = getattr(req, "checklist", None)
    if checklist is None:
        return hooks.ProcedureStart()
    people = {a.by for a in checklist.answers.select_related("by")}
    team = tuple(
        (staff, _CASE_ROLE_OF[staff.role])
        for staff in sorted(people, key=lambda s: s.pk)
        if staff.role in _CASE_ROLE_OF
    )
    return hooks.ProcedureStart(team=team)


# Past these the marks say nothing new: the case is done or will not happen.
SETTLED = {RequestStatus.COMPLETED, RequestStatus.CANCELLED, RequestStatus.REJECTED}
_PHASE_WORDS = {
    Phase.SIGN_IN: "sign-in done",
    Phase.TIME_OUT: "time-out done",
    Phase.SIGN_OUT: "complete",
}


def _consent_mark(statuses: set[str]) -> Mark:
    if ConsentStatus.SIGNED in statuses:
        return Mark("Consent", "signed", Tone.OK)
    if ConsentStatus.DRAFT in statuses:
        return Mark("Consent", "not signed yet", Tone.TODO)
    return Mark("Consent", "not started", Tone.TODO)


def _checklist_mark(phases: set[str]) -> Mark:
    for phase in (Phase.SIGN_OUT, Phase.TIME_OUT, Phase.SIGN_IN):
        if phase in phases:
            tone = Tone.OK if phase in (Phase.SIGN_OUT, Phase.TIME_OUT) else Tone.TODO
            return Mark("Checklist", _PHASE_WORDS[phase], tone)
    return Mark("Checklist", "not started", Tone.TODO)


def day_readiness(requests: list[Request]) -> dict[int, list[Mark]]:
    """Consent and checklist marks for each open request."""
    shown = [r for r in requests if r.status not in SETTLED]
    consents: dict[int, set[str]] = {r.pk: set() for r in shown}
    for request_id, status in Consent.objects.filter(request__in=shown).values_list(
        "request_id", "status"
    ):
        consents[request_id].add(status)
    phases: dict[int, set[str]] = {r.pk: set() for r in shown}
    for request_id, phase in ChecklistPhaseCompletion.objects.filter(
        checklist__request__in=shown
    ).values_list("checklist__request_id", "phase"):
        phases[request_id].add(phase)
    return {r.pk: [_consent_mark(consents[r.pk]), _checklist_mark(phases[r.pk])] for r in shown}


def register() -> None:
    """Hook the day-of-procedure panel into the request page, and the start gate into the
    request's workflow (consent and time-out before "in progress")."""
    hooks.add_panel(
        hooks.REQUEST_PANELS,
        hooks.Panel("day_of_procedure", "safety/day_panel.html", request_panel, order=30),
    )
    hooks.add_transition_guard(RequestStatus.IN_PROGRESS, start_guard)
    hooks.add_procedure_defaults(team_from_the_checklist)
    hooks.add_readiness(day_readiness)
