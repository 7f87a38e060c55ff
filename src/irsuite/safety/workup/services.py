"""Use cases of the pre-procedure work-up: the only code that writes work-up data.

Every write is audited; any change clears the signature and any override, because both
covered the work-up as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import changed, create_audited, record, snapshot
from irsuite.cases.models import Request, RequestStatus
from irsuite.domain.bleeding import RiskClass, resolve_drug
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.patients.facts.services import record_allergies, record_pregnancy_status
from irsuite.people.access import has_capability, staff_of
from irsuite.people.roles import Capability
from irsuite.safety.workup.models import LabKind, WorkUp, WorkUpLab, WorkUpMedication
from irsuite.safety.workup.plan import PlanOutcome, current_plan, plan_json
from irsuite.safety.workup.reference import bleeding_rules

User = AbstractBaseUser | AnonymousUser | None
Row = TypeVar("Row", WorkUpLab, WorkUpMedication)

# The assessment fields a user may change, in the order the form shows them.
EDITABLE = (
    "asa_class",
    "asa_emergency",
    "sedation_plan",
    "fasting_status",
    "airway_concerns",
    "pregnancy_status",
    "allergies",
    "contrast_allergy",
    "arterial_sheath_fr",
    "arterial_access",
    "chronic_liver_disease",
)
# Asked in the work-up, kept on the patient (one fact, one place): the work-up's own columns
# keep the answer as it stood when the work-up was signed.
ON_THE_PATIENT = ("allergies", "contrast_allergy", "pregnancy_status", "no_known_allergies")
_PLAUSIBLE_KINDS = {
    LabKind.INR: "inr",
    LabKind.PLATELETS: "platelets",
    LabKind.FIBRINOGEN: "fibrinogen",
    LabKind.CRCL: "crcl",
}


def _need(user: User, capability: Capability, what: str) -> None:
    if not has_capability(user, capability):
        raise NotAllowed(f"Your role does not allow {what}.")


def _actor(by: User) -> Any:
    """The user to store as author: None for the system or an anonymous caller."""
    return by if by is not None and by.is_authenticated else None


def _touch(workup: WorkUp, by: User) -> None:
    """Mark a change: new version, signature and override cleared."""
    workup.version += 1
    workup.updated_by = _actor(by)
    workup.signed_by = workup.signed_at = workup.signed_plan = None
    workup.override_by = workup.override_at = None
    workup.override_reason = ""
    workup.save()


def _add_to(
    workup: WorkUp, model: type[Row], *, by: User, channel: str, summary: str, **fields: Any
) -> Row:
    """Add a row (a lab result, a drug) to the work-up: inserted and audited together, and the
    signature and any override cleared, since they covered the work-up without it."""
    with transaction.atomic():
        row = create_audited(
            model,
            actor=by,
            patient_id=workup.request.patient_id,
            summary=summary,
            channel=channel,
            workup=workup,
            **fields,
        )
        _touch(workup, by)
    return row


def _not_future(moment: dt.datetime | None, what: str) -> None:
    if moment is not None and moment > timezone.now():
        raise ValidationFailed(f"The {what} is in the future: check the date and time.")


def start_workup(request: Request, *, by: User, channel: str = "web") -> WorkUp:
    """The work-up of a request, created (with the patient's allergies) on first use."""
    _need(by, Capability.WORKUP, "pre-procedure work-ups")
    existing = WorkUp.objects.filter(request=request).first()
    if existing is not None:
        return existing
    patient = request.patient
    with transaction.atomic():
        return create_audited(
            WorkUp,
            actor=by,
            patient_id=patient.pk,
            summary=f"work-up of {request.accession_number} started",
            channel=channel,
            request=request,
            allergies=patient.allergies,
            contrast_allergy=patient.contrast_allergy,
            updated_by=_actor(by),
        )


def update_workup(
    workup: WorkUp, changes: dict[str, Any], *, by: User, channel: str = "web"
) -> WorkUp:
    """Change the assessment fields (ASA, sedation, fasting, airway, allergies ...)."""
    _need(by, Capability.WORKUP, "pre-procedure work-ups")
    changes = dict(changes)
    none_known = bool(changes.pop("no_known_allergies", False))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationFailed(f"These work-up fields cannot be changed: {sorted(unknown)}.")
    sheath = changes.get("arterial_sheath_fr")
    if sheath is not None and not bleeding_rules().plausible.sheath_fr.contains(float(sheath)):
        raise ValidationFailed(f"A {sheath} F sheath is not plausible: check the size.")
    with transaction.atomic():
        before = snapshot(workup, EDITABLE)
        for name, value in changes.items():
            setattr(workup, name, value)
        workup.full_clean(exclude=["request", "updated_by", "signed_by", "override_by"])
        _touch(workup, by)
        after = snapshot(workup, EDITABLE)
        record(
            by,
            AuditAction.CHANGE,
            workup,
            patient_id=workup.request.patient_id,
            before=changed(after, before),
            after=changed(before, after),
            summary=f"work-up of {workup.request.accession_number} changed",
            channel=channel,
        )
        _to_the_patient(workup, changes, none_known=none_known, by=by, channel=channel)
    return workup


def _to_the_patient(
    workup: WorkUp, changes: dict[str, Any], *, none_known: bool, by: User, channel: str
) -> None:
    """Carry the answers the patient keeps (allergies, pregnancy status) to the patient."""
    patient = workup.request.patient
    if {"allergies", "contrast_allergy"} & set(changes) or none_known:
        record_allergies(
            patient,
            allergies=str(changes.get("allergies", patient.allergies) or ""),
            contrast_allergy=bool(changes.get("contrast_allergy", patient.contrast_allergy)),
            none_known=none_known,
            by=by,
            channel=channel,
        )
    status = changes.get("pregnancy_status")
    if status and status != patient.pregnancy_status:
        record_pregnancy_status(patient, status, by=by, channel=channel)


def record_lab(
    workup: WorkUp,
    kind: str,
    value: float,
    taken_at: dt.datetime,
    *,
    by: User,
    channel: str = "web",
) -> WorkUpLab:
    """Add a laboratory result, refusing implausible values and future sample times."""
    _need(by, Capability.WORKUP, "recording labs")
    kind = LabKind(kind)
    _not_future(taken_at, "sample time")
    ranges = bleeding_rules().plausible
    attr = _PLAUSIBLE_KINDS.get(kind)
    allowed = getattr(ranges, attr) if attr else None
    if (allowed is not None and not allowed.contains(value)) or value < 0:
        raise ValidationFailed(
            f"{kind.label} {value:g} is not plausible: check the value and its unit."
        )
    return _add_to(
        workup,
        WorkUpLab,
        by=by,
        channel=channel,
        summary=f"{kind.label} recorded",
        kind=kind,
        value=value,
        taken_at=taken_at,
    )


def add_medication(
    workup: WorkUp,
    drug: str,
    *,
    dose: str = "",
    last_dose_at: dt.datetime | None = None,
    by: User,
    channel: str = "web",
) -> WorkUpMedication:
    """Add a drug affecting haemostasis; an unknown name is refused, naming it."""
    _need(by, Capability.WORKUP, "recording medications")
    found = resolve_drug(drug, bleeding_rules())
    if found is None:
        known = ", ".join(sorted(bleeding_rules().drugs))
        raise ValidationFailed(
            f"Unknown drug {drug!r}: use a generic name the rules list ({known}).",
            detail={"drug": drug},
        )
    _not_future(last_dose_at, "last dose")
    return _add_to(
        workup,
        WorkUpMedication,
        by=by,
        channel=channel,
        summary=f"{found[0].id} added to work-up",
        drug=drug.strip(),
        drug_id=found[0].id,
        dose=dose.strip(),
        last_dose_at=last_dose_at,
    )


def remove_medication(med: WorkUpMedication, *, by: User, channel: str = "web") -> None:
    """Remove a drug the patient no longer takes."""
    _need(by, Capability.WORKUP, "recording medications")
    workup = med.workup
    with transaction.atomic():
        before = snapshot(med)
        med.delete()
        _touch(workup, by)
        record(
            by,
            AuditAction.DELETE,
            object_type="safety.workupmedication",
            object_id=str(before["id"]),
            patient_id=workup.request.patient_id,
            before=before,
            summary=f"{before['drug_id']} removed from work-up",
            channel=channel,
        )


def sign_workup(workup: WorkUp, *, by: User, channel: str = "web") -> WorkUp:
    """Sign the plan as read: the plan of this moment is stored with the signature."""
    _need(by, Capability.WORKUP, "signing work-ups")
    outcome = current_plan(workup, timezone.now())
    if outcome.plan is None:
        raise ValidationFailed("No plan can be made yet: " + "; ".join(outcome.problems))
    staff = staff_of(by)
    if staff is None:
        raise NotAllowed("Only staff with a staff record can sign a work-up.")
    with transaction.atomic():
        workup.signed_by, workup.signed_at = staff, timezone.now()
        workup.signed_plan = plan_json(outcome.plan)
        workup.save(update_fields=["signed_by", "signed_at", "signed_plan", "updated_at"])
        record(
            by,
            AuditAction.SIGN,
            workup,
            patient_id=workup.request.patient_id,
            after={"signed_plan": workup.signed_plan},
            summary=f"work-up of {workup.request.accession_number} signed",
            channel=channel,
        )
    return workup


def override_gate(workup: WorkUp, reason: str, *, by: User, channel: str = "web") -> WorkUp:
    """An attending lets the request become ready without a cleared plan, giving a reason."""
    _need(by, Capability.OVERRIDE_SAFETY, "overriding the bleeding-risk gate")
    if not reason.strip():
        raise ValidationFailed("Give the reason for overriding the bleeding-risk plan.")
    staff = staff_of(by)
    if staff is None:
        raise NotAllowed("Only staff with a staff record can override.")
    outcome = current_plan(workup, timezone.now())
    with transaction.atomic():
        workup.override_by, workup.override_at = staff, timezone.now()
        workup.override_reason = reason.strip()
        workup.save(update_fields=["override_by", "override_at", "override_reason", "updated_at"])
        record(
            by,
            AuditAction.OVERRIDE,
            workup,
            patient_id=workup.request.patient_id,
            after={
                "plan": None if outcome.plan is None else plan_json(outcome.plan),
                "problems": outcome.problems,
            },
            reason=workup.override_reason,
            summary=f"bleeding-risk gate overridden for {workup.request.accession_number}",
            channel=channel,
        )
    return workup


def gate_problems(
    workup: WorkUp | None, now: dt.datetime, outcome: PlanOutcome | None = None
) -> list[str]:
    """What stops the request becoming ready; empty when the gate is open.

    ``outcome`` is the plan already made for ``now``, when the caller has one.
    """
    if workup is None:
        return ["No pre-procedure work-up has been recorded."]
    if workup.override_at is not None:
        return []
    outcome = outcome or current_plan(workup, now)
    if outcome.plan is None:
        return outcome.problems
    problems = [line.text for line in outcome.plan.blocking]
    if outcome.plan.risk_class is RiskClass.OPERATOR_DECIDES and not problems:
        problems.append("The operator has not decided the bleeding-risk class.")
    if not problems and workup.signed_at is None:
        problems.append("The work-up plan has not been signed.")
    return problems


def ready_guard(request: Request, to_status: str, user: User, reason: str) -> None:
    """Transition guard: a request becomes ready only with a cleared, signed plan, or when an
    attending overrides with a reason (given as the transition's reason)."""
    if to_status != RequestStatus.READY:
        return
    workup = WorkUp.objects.filter(request=request).first()
    problems = gate_problems(workup, timezone.now())
    if not problems:
        return
    if reason.strip() and has_capability(user, Capability.OVERRIDE_SAFETY) and staff_of(user):
        if workup is None:
            workup = start_workup(request, by=user)
        override_gate(workup, reason, by=user)
        return
    raise Conflict(
        "The bleeding-risk plan is not cleared: "
        + "; ".join(p.rstrip(".") for p in problems)
        + ". Resolve this on "
        "the work-up page, or an attending overrides it with a reason.",
        detail={"problems": problems},
    )
