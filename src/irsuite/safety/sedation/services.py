"""Sedation and recovery use cases: drugs (checked against the reference dose ranges), vital
signs with Ramsay, Aldrete scores, discharge. Every entry is charted at the time it happened,
within the episode; the audit log keeps when it was entered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.db import transaction
from django.utils import formats, timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import create_audited, record, snapshot
from irsuite.cases.models import Procedure, Request
from irsuite.domain import recovery as rules
from irsuite.domain.sedation import discharge as discharge_rules
from irsuite.domain.sedation import doses, episode
from irsuite.domain.sedation.vitals import VitalFlag, VitalSign, flag_vitals
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.safety import reference as ref
from irsuite.safety.sedation.models import (
    AldreteAssessment,
    CarePhase,
    DoseUnit,
    Route,
    SedationDrug,
    SedationRecord,
    VitalSigns,
)


class DoseNeedsAcknowledgement(ValidationFailed):
    """A dose outside its reference range: shown to the giver, recorded once acknowledged.

    ``detail`` holds ``warnings`` (the messages) and ``fingerprint`` (send it back as
    ``acknowledged`` to record exactly this dose with these warnings)."""


def _nurse(by: UserLike) -> Staff:
    staff = staff_of(by)
    if staff is None or not has_capability(by, Capability.SEDATION):
        raise NotAllowed("Your role cannot record sedation or recovery.")
    return staff


def _open(record_: SedationRecord) -> SedationRecord:
    if record_.discharged_at is not None:
        raise Conflict("The patient has been discharged from recovery; this record is closed.")
    return record_


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def charted_at(sedation: SedationRecord, at: dt.datetime | None) -> dt.datetime:
    """The time an entry is charted at: ``at`` (back-timed) within the episode, else now."""
    now = timezone.now()
    if at is None:
        return now
    problem = episode.entry_time_problem(
        _local(at), episode_start=_local(sedation.episode_start), now=_local(now)
    )
    if problem:
        raise ValidationFailed(problem)
    return at


def _earliest_entry(sedation: SedationRecord) -> dt.datetime | None:
    times = [
        entries.order_by("at").values_list("at", flat=True).first()
        for entries in (sedation.drugs, sedation.vitals, sedation.aldrete)
    ]
    return min((t for t in times if t is not None), default=None)


def _check_start(sedation: SedationRecord, started_at: dt.datetime) -> None:
    now = timezone.now()
    problem = episode.start_time_problem(
        _local(started_at), now=_local(now), rules=ref.episode_rules()
    )
    if problem:
        raise ValidationFailed(problem)
    earliest = _earliest_entry(sedation) if sedation.pk else None
    if earliest is not None and started_at > earliest:
        raise ValidationFailed(
            f"Entries are charted from {formats.time_format(_local(earliest))}; the episode "
            "cannot begin later."
        )


@transaction.atomic
def sedation_record(
    request: Request,
    *,
    by: UserLike,
    kind: str | None = None,
    baseline_systolic: int | None = None,
    started_at: dt.datetime | None = None,
) -> SedationRecord:
    """The sedation record of a request, created on first use (kind, baseline pressure, and
    when sedation began when it is charted late)."""
    _nurse(by)
    if kind is not None and kind not in {k.value for k in rules.SedationKind}:
        raise ValidationFailed("Choose the kind of sedation from the list.")
    sedation, created = SedationRecord.objects.get_or_create(request=request)
    changes: dict[str, Any] = {}
    if kind is not None and kind != sedation.kind:
        changes["kind"] = kind
    if baseline_systolic is not None and baseline_systolic != sedation.baseline_systolic:
        _in_range("systolic", baseline_systolic)
        changes["baseline_systolic"] = baseline_systolic
    if started_at is not None and started_at != sedation.started_at:
        _check_start(sedation, started_at)
        changes["started_at"] = started_at
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
    limit = ref.vital_sign_limits()[name]
    if not limit.contains(value):
        label = ref.vital_flag_rules().thresholds[VitalSign(name)].label
        raise ValidationFailed(
            f"{label} {value} is outside {limit.minimum}-{limit.maximum} {limit.unit}; "
            "check the value."
        )


def _amount(dose: str) -> Decimal:
    try:
        amount = Decimal(str(dose).strip())
    except InvalidOperation:
        raise ValidationFailed(f"The dose {dose!r} is not a number.") from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationFailed("The dose must be a number more than zero.")
    stored = SedationDrug._meta.get_field("dose")
    if amount != round(amount, stored.decimal_places) or len(amount.as_tuple().digits) > (
        stored.max_digits
    ):
        raise ValidationFailed(
            f"Enter the dose with at most {stored.decimal_places} decimals; check the value."
        )
    return amount


def dose_warnings(
    sedation: SedationRecord, *, drug: str, amount: Decimal, unit: str, route: str, at: dt.datetime
) -> tuple[doses.DoseWarning, ...]:
    """What the reference ranges say about this dose, given the episode's earlier doses."""
    reference = ref.sedation_drugs()
    before = [
        doses.Dose(d.dose, doses.DoseUnit(d.unit))
        for d in sedation.drugs.filter(drug=drug, route=route)
    ]
    patient = sedation.request.patient
    older = patient.age_on(_local(at).date()) >= reference.older_adult_from_age
    given = doses.Dose(amount, doses.DoseUnit(unit))
    return doses.check_dose(reference.drugs[drug], route, given, before, older=older)


@transaction.atomic
def give_drug(
    sedation: SedationRecord,
    *,
    drug: str,
    dose: str,
    unit: str,
    by: UserLike,
    route: str = Route.IV,
    at: dt.datetime | None = None,
    acknowledged: str = "",
) -> SedationDrug:
    """Record a dose of a listed drug. A dose outside its reference range is refused with
    :class:`DoseNeedsAcknowledgement` until the giver acknowledges exactly those warnings."""
    staff = _nurse(by)
    _open(sedation)
    if drug not in ref.sedation_drugs().drugs:
        raise ValidationFailed("Choose the drug from the list.")
    amount = _amount(dose)
    if unit not in DoseUnit.values:
        raise ValidationFailed("Choose the unit of the dose (mg, micrograms, mL, units).")
    if route not in Route.values:
        raise ValidationFailed("Choose the route from the list.")
    when = charted_at(sedation, at)
    warnings = dose_warnings(sedation, drug=drug, amount=amount, unit=unit, route=route, at=when)
    if warnings and acknowledged != doses.fingerprint(warnings):
        messages = [w.message for w in warnings]
        raise DoseNeedsAcknowledgement(
            " ".join([*messages, "Check the dose; record it only if it is intended."]),
            {"warnings": messages, "fingerprint": doses.fingerprint(warnings)},
        )
    warning_text = " ".join(w.message for w in warnings)
    return create_audited(
        SedationDrug,
        actor=by,
        patient_id=sedation.request.patient_id,
        summary="sedation drug given" + (" (dose warning acknowledged)" if warnings else ""),
        record=sedation,
        drug=drug,
        dose=amount,
        unit=unit,
        route=route,
        at=when,
        entered_at=timezone.now(),
        by=staff,
        dose_warning=warning_text,
    )


def _vital_sign(name: str, raw: object) -> int | None:
    """One entered vital sign as a whole number within its limit; None when left empty."""
    if raw in (None, ""):
        return None
    try:
        number = int(str(raw))
    except ValueError:
        label = ref.vital_flag_rules().thresholds[VitalSign(name)].label
        raise ValidationFailed(f"{label} must be a whole number.") from None
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
    """Record one set of vital signs, with the Ramsay level when given (1 to 6). The values
    that need attention are highlighted on the page (:func:`vital_flags`), not refused."""
    staff = _nurse(by)
    _open(sedation)
    if phase not in CarePhase.values:
        raise ValidationFailed("Say whether these vital signs are during sedation or recovery.")
    numbers = {name: _vital_sign(name, values.get(name)) for name in ref.vital_sign_limits()}
    if not any(v is not None for v in numbers.values()):
        raise ValidationFailed("Enter at least one vital sign.")
    ramsay_raw = values.get("ramsay")
    try:
        ramsay = None if ramsay_raw in (None, "") else int(rules.validate_ramsay(ramsay_raw))
    except rules.ScoreError as error:
        raise ValidationFailed(str(error)) from None
    vitals = create_audited(
        VitalSigns,
        actor=by,
        patient_id=sedation.request.patient_id,
        summary="vital signs",
        record=sedation,
        phase=phase,
        at=charted_at(sedation, at),
        entered_at=timezone.now(),
        by=staff,
        ramsay=ramsay,
        on_oxygen=bool(values.get("on_oxygen")),
        **cast(dict[str, Any], numbers),
    )
    return vitals


def vital_flags(sedation: SedationRecord, vitals: VitalSigns) -> tuple[VitalFlag, ...]:
    """The values of one set of vital signs that need attention (low, high, a fall from the
    baseline, sedation deeper than intended)."""
    values = {sign: getattr(vitals, sign.value) for sign in VitalSign}
    return flag_vitals(
        values,
        ramsay=vitals.ramsay,
        baseline_systolic=sedation.baseline_systolic,
        sedation_kind=sedation.kind,
        rules=ref.vital_flag_rules(),
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
        at=charted_at(sedation, at),
        entered_at=timezone.now(),
        by=staff,
        total=score.total,
        **cast(dict[str, Any], items),
    )


def procedure_end(sedation: SedationRecord) -> dt.datetime | None:
    """When the procedure ended (the procedure record's end time), None while it has not."""
    ends = Procedure.objects.filter(request_id=sedation.request_id).values_list("end_at", flat=True)
    return ends.first()


def discharge_status(
    sedation: SedationRecord, now: dt.datetime | None = None
) -> discharge_rules.Readiness:
    """Whether the patient may leave recovery now: the procedure ended, the observation time
    of the protocol passed, and the Aldrete criteria held as long as the protocol asks."""
    assessments = [
        rules.TimedAldrete(
            _local(a.at),
            rules.AldreteScore(
                a.activity, a.respiration, a.circulation, a.consciousness, a.oxygen_saturation
            ),
        )
        for a in sedation.aldrete.all()
    ]
    reversal = [k for k, d in ref.sedation_drugs().drugs.items() if d.reversal]
    reversal_times = sedation.drugs.filter(drug__in=reversal).values_list("at", flat=True)
    end = procedure_end(sedation)
    return discharge_rules.discharge_readiness(
        now=_local(now or timezone.now()),
        procedure_end=_local(end) if end else None,
        sedation_kind=sedation.kind,
        assessments=assessments,
        reversal_doses=[_local(t) for t in reversal_times],
        protocol=ref.discharge_protocol(),
        criteria=ref.recovery_reference().aldrete,
    )


@transaction.atomic
def discharge(sedation: SedationRecord, *, by: UserLike) -> SedationRecord:
    """Discharge from phase I recovery when the procedure has ended and the recovery criteria
    have been met for the time the protocol says."""
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
