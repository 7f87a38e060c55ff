"""Checklist use cases: answer items, mark the site, complete sign-in, time-out and sign-out.

The rules live in :mod:`irsuite.domain.checklist`; this module reads the facts the checklist
depends on (consent signed, bleeding plan cleared, site marked) and keeps every answer with who
gave it and when.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import Procedure, Request, RequestStatus, SedationType
from irsuite.cases.procedures.queries import dose_on_record
from irsuite.domain import checklist as rules
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.safety.checklist.models import (
    ChecklistAnswer,
    ChecklistPhaseCompletion,
    ChecklistRecord,
)
from irsuite.safety.consent.services import consent_signed
from irsuite.safety.reference import checklist_definition

# The work-up area registers how to tell a cleared bleeding-risk plan (see apps.py).
BleedingPlanCheck = Callable[[Request], bool]
BLEEDING_PLAN_CHECKS: list[BleedingPlanCheck] = []
DAY_OF_STATUSES = {RequestStatus.SCHEDULED, RequestStatus.READY, RequestStatus.IN_PROGRESS}
NO_SEDATION = {SedationType.NONE, SedationType.LOCAL}


def register_bleeding_plan_check(check: BleedingPlanCheck) -> None:
    """Use ``check(request)`` to decide whether a request's bleeding-risk plan is cleared."""
    if check not in BLEEDING_PLAN_CHECKS:
        BLEEDING_PLAN_CHECKS.append(check)


def bleeding_plan_cleared(request: Request) -> bool:
    """True when a registered check clears the plan; without any check, it is not cleared."""
    return any(check(request) for check in BLEEDING_PLAN_CHECKS)


def _uses_sedation(request: Request) -> bool:
    procedure = getattr(request, "procedure", None)
    if procedure is not None:
        return procedure.sedation_type not in NO_SEDATION
    sedation = getattr(request, "sedation", None)
    if sedation is not None:
        return sedation.kind not in NO_SEDATION
    return True


def case_facts(request: Request) -> rules.CaseFacts:
    """What the checklist needs to know about this request, read now."""
    checklist = ChecklistRecord.objects.filter(request=request).first()
    return rules.CaseFacts(
        consent_signed=consent_signed(request),
        bleeding_plan_cleared=bleeding_plan_cleared(request),
        site_marking_applies=request.catalogue_entry.site_marking,
        site_marked=checklist is not None and checklist.site_marked_at is not None,
        sedation=_uses_sedation(request),
    )


def state_of(checklist: ChecklistRecord) -> rules.ChecklistState:
    """The checklist state from its stored rows (the latest answer per item wins)."""
    answers = {
        a.item_id: rules.ItemAnswer(a.item_id, a.value, a.by.display_name, a.at)
        for a in checklist.answers.select_related("by").order_by("at", "id")
    }
    completed = {
        rules.Phase(c.phase): rules.PhaseCompletion(rules.Phase(c.phase), c.by.display_name, c.at)
        for c in checklist.completions.select_related("by")
    }
    return rules.ChecklistState(answers=answers, completed=completed)


def checklist_of(request: Request) -> ChecklistRecord:
    """The checklist of a request, created on first use."""
    checklist, _ = ChecklistRecord.objects.get_or_create(
        request=request, defaults={"definition_version": checklist_definition().version}
    )
    return checklist


def _actor(request: Request, by: UserLike) -> Staff:
    staff = staff_of(by)
    if staff is None or not has_capability(by, Capability.CHECKLIST):
        raise NotAllowed("Your role cannot fill in the safety checklist.")
    request.refresh_from_db(fields=["status"])
    if request.status not in DAY_OF_STATUSES:
        raise Conflict(
            f"The checklist is filled on the day of the procedure; this request is "
            f"{request.get_status_display().lower()}."
        )
    return staff


def refusal(error: rules.ChecklistRefused) -> ValidationFailed:
    """The domain refusal as a service error listing each problem."""
    problems = [
        {
            "code": p.code.value,
            "message": p.message,
            "item": p.item_id,
            "precondition": p.precondition.value if p.precondition else None,
        }
        for p in error.problems
    ]
    return ValidationFailed(str(error), {"problems": problems})


def _locked(request: Request) -> ChecklistRecord:
    return ChecklistRecord.objects.select_for_update().get(pk=checklist_of(request).pk)


@contextmanager
def _refusals() -> Iterator[None]:
    """A refusal of the checklist rules becomes a ValidationFailed listing each problem."""
    try:
        yield
    except rules.ChecklistRefused as error:
        raise refusal(error) from None


def _audit(
    by: UserLike, request: Request, checklist: ChecklistRecord, after: dict[str, Any], summary: str
) -> None:
    record(
        by,
        AuditAction.CHANGE,
        checklist,
        patient_id=request.patient_id,
        after=after,
        summary=summary,
    )


DOSE_RECORDED = "dose_recorded"  # the sign-out item of checklist.toml
NO_DOSE = (
    "No radiation dose is on record for this procedure yet: link its dose report, or enter the "
    "console's fluoroscopy time, KAP and Ka,r on the procedure page, then answer yes (or 'not "
    "applicable' when no radiation was used)."
)


def _dose_on_record_for(request: Request, item_id: str, answer: str) -> None:
    """ "Radiation dose recorded" is answered yes only when a dose is on record."""
    if item_id != DOSE_RECORDED or answer.lower() != rules.Reply.YES:
        return
    procedure = Procedure.objects.filter(request=request).first()
    if procedure is None or dose_on_record(procedure) is None:
        raise ValidationFailed(NO_DOSE)


@transaction.atomic
def answer_item(
    request: Request, *, item_id: str, value: str, by: UserLike
) -> rules.ChecklistState:
    """Record one answer (who and when); refused answers say what to do."""
    staff = _actor(request, by)
    checklist = _locked(request)
    now, answer = timezone.now(), value.strip()
    _dose_on_record_for(request, item_id, answer)
    with _refusals():
        state = rules.answer(
            checklist_definition(),
            state_of(checklist),
            case_facts(request),
            item_id,
            answer,
            staff.display_name,
            now,
        )
    ChecklistAnswer.objects.create(
        checklist=checklist, item_id=item_id, value=answer, by=staff, at=now
    )
    _audit(by, request, checklist, {"item": item_id, "value": answer}, f"checklist {item_id}")
    return state


@transaction.atomic
def mark_site(request: Request, *, note: str, by: UserLike) -> ChecklistRecord:
    """Record that the procedure site or side has been marked."""
    staff = _actor(request, by)
    if not request.catalogue_entry.site_marking:
        raise Conflict("Site marking does not apply to this procedure.")
    if not note.strip():
        raise ValidationFailed("Say which site or side was marked (for example 'left flank').")
    checklist = _locked(request)
    checklist.site_marked_at = timezone.now()
    checklist.site_marked_by = staff
    checklist.site_marking_note = note.strip()
    checklist.save(update_fields=["site_marked_at", "site_marked_by", "site_marking_note"])
    _audit(
        by, request, checklist, {"site_marking_note": checklist.site_marking_note}, "site marked"
    )
    return checklist


@transaction.atomic
def complete_phase(request: Request, *, phase: str, by: UserLike) -> rules.ChecklistState:
    """Complete a phase; the time-out is refused without consent, cleared plan, marked site."""
    staff = _actor(request, by)
    try:
        which = rules.Phase(phase)
    except ValueError:
        raise ValidationFailed("The phase is sign_in, time_out or sign_out.") from None
    checklist = _locked(request)
    now = timezone.now()
    with _refusals():
        state = rules.complete_phase(
            checklist_definition(),
            state_of(checklist),
            case_facts(request),
            which,
            staff.display_name,
            now,
        )
    ChecklistPhaseCompletion.objects.create(checklist=checklist, phase=which, by=staff, at=now)
    _audit(by, request, checklist, {"phase": which.value}, f"checklist {which.value} completed")
    return state


def checklist_view_model(request: Request) -> dict[str, Any]:
    """Everything a page or the API shows about a checklist: phases, items, answers, blockers."""
    definition = checklist_definition()
    checklist = ChecklistRecord.objects.filter(request=request).first()
    state = state_of(checklist) if checklist else rules.ChecklistState()
    facts = case_facts(request)
    phases = []
    for spec in definition.phases:
        items = [
            {"item": item, "answer": state.answers.get(item.id)}
            for item in definition.items_for(spec.phase, facts)
        ]
        phases.append(
            {
                "spec": spec,
                "items": items,
                "completion": state.completed.get(spec.phase),
                "blockers": rules.blockers(definition, state, facts, spec.phase),
            }
        )
    return {
        "checklist": checklist,
        "facts": facts,
        "phases": phases,
        "current": rules.current_phase(state),
        "complete": rules.is_complete(state),
    }
