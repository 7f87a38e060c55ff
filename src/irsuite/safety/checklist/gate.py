"""The start gate: a procedure starts only with consent signed and the time-out done.

Registered as a transition guard on "in progress" (the only way there is starting the
procedure). The WHO Surgical Safety Checklist's sign-in and time-out must be completed, and the
patient's consent signed unless the catalogue entry says the procedure needs none
(`consent.required = false`). In an emergency an attending (OVERRIDE_SAFETY) starts anyway by
giving a reason: the override, who gave it and what was missing go to the audit log.
"""

from __future__ import annotations

from typing import Any

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import Request, RequestStatus
from irsuite.domain.checklist import Phase
from irsuite.errors import Conflict
from irsuite.people.access import has_capability, staff_of
from irsuite.people.roles import Capability
from irsuite.safety.checklist.models import ChecklistPhaseCompletion
from irsuite.safety.consent.services import current_consent

BEFORE_START = (Phase.SIGN_IN, Phase.TIME_OUT)


def consent_required(request: Request) -> bool:
    """Whether the catalogue entry requires signed consent (it does unless it says not)."""
    return bool((request.catalogue_entry.consent or {}).get("required", True))


def start_problems(request: Request) -> list[str]:
    """What is missing before the procedure may start (empty when nothing is)."""
    problems = []
    if consent_required(request):
        consent = current_consent(request)
        if consent is None or not consent.is_signed:
            problems.append("the patient's consent is not signed")
    done = set(
        ChecklistPhaseCompletion.objects.filter(checklist__request=request).values_list(
            "phase", flat=True
        )
    )
    for phase in BEFORE_START:
        if phase.value not in done:
            problems.append(f"the checklist's {phase.value.replace('_', '-')} is not done")
    return problems


def start_guard(request: Request, to_status: str, user: Any, reason: str) -> None:
    """Transition guard on "in progress": refuse, or record the emergency override."""
    if to_status != RequestStatus.IN_PROGRESS:
        return
    problems = start_problems(request)
    if not problems:
        return
    if reason.strip() and staff_of(user) and has_capability(user, Capability.OVERRIDE_SAFETY):
        record(
            user,
            AuditAction.OVERRIDE,
            request,
            patient_id=request.patient_id,
            after={"missing": problems},
            reason=reason.strip(),
            summary="procedure started without its safety gates (emergency override)",
        )
        return
    raise Conflict(
        "The procedure cannot start yet: "
        + "; ".join(problems)
        + ". Complete them, or an attending starts it with an emergency override and a reason.",
        detail={"problems": problems},
    )
