"""Sedation and recovery use cases: drugs, vital signs with Ramsay, Aldrete scores, discharge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import create_audited, record, snapshot
from irsuite.cases.models import Request
from irsuite.domain import recovery as rules
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.safety.reference import recovery_reference, vital_sign_limits
from irsuite.safety.sedation.models import (
    AldreteAssessment,
    CarePhase,
    DoseUnit,
    SedationDrug,
    SedationRecord,
    VitalSigns,
)


def _nurse(by: UserLike) -> Staff:
    staff = staff_of(by)
    if staff is None or not has_capability(by, Capability.SEDATION):
        raise NotAllowed("Your role cannot record sedation or recovery.")
    return staff


def _open(record_: SedationRecord) -> SedationRecord:
    if record_.discharged_at is not None:
        raise Conflict("The patient has been discharged from recovery; this record is closed.")
    return record_


@transaction.atomic
def sedation_record(
    request: Request,
    *,
    by: UserLike,
    kind: str | None = None,
    baseline_systolic: int | None = None,
) -> SedationRecord:
    """The sedation record of a request, created on first use (kind and baseline pressure)."""
    _nurse(by)
    if kind is not None and kind not in {k.value for k in rules.SedationKind}:
        raise ValidationFailed("Choose the kind of sedation from the list.")
    sedation, created = SedationRecord.objects.get_or_create(request=request)
    changes: dict[str, Any] = {}
    if kind is not None and kind != sedation.kind:
        changes["kind"] = kind
    if baseline_systolic is not None:
        _in_range("systolic", baseline_systolic)
        changes["baseline_systolic"] = baseline_systolic
    if changes:
        _open(sedation)
        for name, value in changes.items():
            setattr(sedation, name, value)
        sedation.save(update_fields=list(changes))
    if created or changes:
        record(
            by,
            AuditAction.CREATE if created else AuditAction.CHANGE,
            sedation,
            patient_id=request.patient_id,
            after=snapshot(sedation),
            summary="sedation record",
        )
    return sedation


def _in_range(name: str, value: int) -> None:
    """Refuse a value outside the vital sign's limit of the reference data (a probable typo)."""
    limit = vital_sign_limits()[name]
    if not limit.contains(value):
        label = name.replace("_", " ")
        raise ValidationFailed(
            f"The {label} {value} is outside {limit.minimum}-{limit.maximum}; check the value."
        )


@transaction.atomic
def give_drug(
    sedation: SedationRecord,
    *,
    drug: str,
    dose: str,
    unit: str,
    by: UserLike,
    route: str = "IV",
    at: dt.datetime | None = None,
) -> SedationDrug:
    """Record a sedative or analgesic dose."""
    staff = _nurse(by)
    _open(sedation)
    if not drug.strip():
        raise ValidationFailed("Name the drug given.")
    try:
        amount = Decimal(str(dose))
    except InvalidOperation:
        raise ValidationFailed(f"The dose {dose!r} is not a number.") from None
    if amount <= 0:
        raise ValidationFailed("The dose must be more than zero.")
    if unit not in DoseUnit.values:
        raise ValidationFailed("Choose the unit of the dose (mg, micrograms, mL, units).")
    return create_audited(
        SedationDrug,
        actor=by,
        patient_id=sedation.request.patient_id,
        summary="sedation drug given",
        record=sedation,
        drug=drug.strip(),
        dose=amount,
        unit=unit,
        route=route.strip() or "IV",
        at=at or timezone.now(),
        by=staff,
    )


def _vital_sign(name: str, raw: object) -> int | None:
    """One entered vital sign as a whole number within its limit; None when left empty."""
    if raw in (None, ""):
        return None
    try:
        number = int(str(raw))
    except ValueError:
        raise ValidationFailed(f"The {name.replace('_', ' ')} must be a number.") from None
    _in_range(name, number)
    return number


@transaction.atomic
def record_vitals(
    sedation: SedationRecord,
    *,
    phase: str,
    values: dict[str, Any],
    by: UserLike,
    at: dt.datetime | None = None,
) -> VitalSigns:
    """Record one set of vital signs, with the Ramsay level when given (1 to 6)."""
    staff = _nurse(by)
    _open(sedation)
    if phase not in CarePhase.values:
        raise ValidationFailed("Say whether these vital signs are during sedation or recovery.")
    numbers = {name: _vital_sign(name, values.get(name)) for name in vital_sign_limits()}
    if not any(v is not None for v in numbers.values()):
        raise ValidationFailed("Enter at least one vital sign.")
    ramsay_raw = values.get("ramsay")
    try:
        ramsay = None if ramsay_raw in (None, "") else int(rules.validate_ramsay(ramsay_raw))
    except rules.ScoreError as error:
        raise ValidationFailed(str(error)) from None
    return create_audited(
        VitalSigns,
        actor=by,
        patient_id=sedation.request.patient_id,
        summary="vital signs",
        record=sedation,
        phase=phase,
        at=at or timezone.now(),
        by=staff,
        ramsay=ramsay,
        on_oxygen=bool(values.get("on_oxygen")),
        **cast(dict[str, Any], numbers),
    )


@transaction.atomic
def score_aldrete(
    sedation: SedationRecord,
    *,
    scores: dict[str, Any],
    by: UserLike,
    at: dt.datetime | None = None,
) -> AldreteAssessment:
    """Record a modified Aldrete assessment (each item 0 to 2)."""
    staff = _nurse(by)
    _open(sedation)
    try:
        score = rules.aldrete_from_mapping(scores)
    except rules.ScoreError as error:
        raise ValidationFailed(str(error)) from None
    items = {item.value: score.item(item) for item in rules.AldreteItem}
    return create_audited(
        AldreteAssessment,
        actor=by,
        patient_id=sedation.request.patient_id,
        summary=f"Aldrete {score.total}",
        record=sedation,
        at=at or timezone.now(),
        by=staff,
        total=score.total,
        **cast(dict[str, Any], items),
    )


def discharge_status(sedation: SedationRecord) -> rules.DischargeDecision:
    """Whether the latest Aldrete score allows discharge, and if not why."""
    series = [
        rules.TimedAldrete(
            a.at,
            rules.AldreteScore(
                a.activity, a.respiration, a.circulation, a.consciousness, a.oxygen_saturation
            ),
        )
        for a in sedation.aldrete.all()
    ]
    return rules.discharge_decision(series, recovery_reference().aldrete)


@transaction.atomic
def discharge(sedation: SedationRecord, *, by: UserLike) -> SedationRecord:
    """Discharge from phase I recovery when the Aldrete criteria are met."""
    staff = _nurse(by)
    sedation = SedationRecord.objects.select_for_update().get(pk=sedation.pk)
    _open(sedation)
    decision = discharge_status(sedation)
    if not decision.allowed:
        raise ValidationFailed(" ".join(decision.reasons), {"reasons": list(decision.reasons)})
    sedation.discharged_at = timezone.now()
    sedation.discharged_by = staff
    sedation.discharge_instructions = sedation.request.catalogue_entry.discharge_instructions
    sedation.save(update_fields=["discharged_at", "discharged_by", "discharge_instructions"])
    record(
        by,
        AuditAction.CHANGE,
        sedation,
        patient_id=sedation.request.patient_id,
        after={"discharged_at": sedation.discharged_at, "aldrete": decision.total},
        summary="discharged from recovery",
    )
    return sedation


def monitoring_gaps(sedation: SedationRecord, phase: str) -> list[tuple[dt.datetime, dt.datetime]]:
    """Stretches without vital signs longer than the reference interval, for the phase."""
    vitals = list(sedation.vitals.filter(phase=phase).values_list("at", flat=True))
    if len(vitals) < 1:
        return []
    intervals = recovery_reference().monitoring
    interval = intervals.during_sedation if phase == CarePhase.SEDATION else intervals.in_recovery
    end = (
        sedation.discharged_at
        if phase == CarePhase.RECOVERY and sedation.discharged_at
        else max(vitals)
    )
    return list(rules.observation_gaps(vitals, min(vitals), end, interval))
