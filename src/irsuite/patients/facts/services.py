"""Use cases of the facts kept on the patient (allergies, weight, pregnancy status): one place
for each, written here and read by every page. Each change is audited before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import changed, record, snapshot
from irsuite.errors import ValidationFailed
from irsuite.patients.hooks import patient_changed
from irsuite.patients.models import AllergyStatus, Patient, PregnancyStatus

FACTS = (
    "allergy_status",
    "allergies",
    "contrast_allergy",
    "allergies_recorded_at",
    "weight_kg",
    "weight_recorded_on",
    "pregnancy_status",
    "pregnancy_status_on",
)


def allergy_status_of(allergies: str, contrast_allergy: bool, none_known: bool) -> AllergyStatus:
    """What an allergy answer means: written allergies (or a contrast allergy) are known ones;
    an empty answer is "none known" only when someone said so, else it was not recorded."""
    if allergies.strip() or contrast_allergy:
        return AllergyStatus.KNOWN
    return AllergyStatus.NONE_KNOWN if none_known else AllergyStatus.NOT_RECORDED


def _save(patient: Patient, changes: dict[str, Any], *, by: Any, channel: str, what: str) -> bool:
    """Apply `changes` that differ; audit them; True when something changed."""
    before = snapshot(patient, FACTS)
    for name, value in changes.items():
        setattr(patient, name, value)
    after = snapshot(patient, FACTS)
    if before == after:
        return False
    patient.save(update_fields=list(changes))
    record(
        by,
        AuditAction.CHANGE,
        patient,
        patient_id=patient.pk,
        before=changed(after, before),
        after=changed(before, after),
        summary=f"{what} recorded",
        channel=channel,
    )
    return True


def record_allergies(
    patient: Patient,
    *,
    allergies: str,
    contrast_allergy: bool,
    none_known: bool = False,
    by: Any,
    channel: str = "web",
) -> bool:
    """Record the patient's allergies as just asked (or that there are none known)."""
    status = allergy_status_of(allergies, contrast_allergy, none_known)
    changes: dict[str, Any] = {
        "allergies": allergies.strip(),
        "contrast_allergy": contrast_allergy,
        "allergy_status": status,
    }
    with transaction.atomic():
        locked = Patient.objects.select_for_update().get(pk=patient.pk)
        same = all(getattr(locked, k) == v for k, v in changes.items())
        if same:
            return False
        if status != AllergyStatus.NOT_RECORDED:
            changes["allergies_recorded_at"] = timezone.now()
        done = _save(locked, changes, by=by, channel=channel, what="allergies")
        if done:
            patient_changed(locked.pk)
    patient.refresh_from_db()
    return done


def record_pregnancy_status(
    patient: Patient, status: str, *, on: dt.date | None = None, by: Any, channel: str = "web"
) -> bool:
    """Record the pregnancy status established on a day (today unless given)."""
    if status not in PregnancyStatus.values:
        raise ValidationFailed(f"Unknown pregnancy status {status!r}: choose one of the list.")
    with transaction.atomic():
        locked = Patient.objects.select_for_update().get(pk=patient.pk)
        if locked.pregnancy_status == status and on is None:
            return False
        changes = {"pregnancy_status": status, "pregnancy_status_on": on or timezone.localdate()}
        done = _save(locked, changes, by=by, channel=channel, what="pregnancy status")
        if done:
            patient_changed(locked.pk)
    patient.refresh_from_db()
    return done


def record_weight(
    patient: Patient,
    weight_kg: Decimal,
    *,
    on: dt.date | None = None,
    by: Any,
    channel: str = "web",
) -> bool:
    """Record the patient's weight (kg) measured on a day (today unless given)."""
    if weight_kg <= 0:
        raise ValidationFailed("A weight must be more than 0 kg: check the value and its unit.")
    with transaction.atomic():
        locked = Patient.objects.select_for_update().get(pk=patient.pk)
        changes = {"weight_kg": weight_kg, "weight_recorded_on": on or timezone.localdate()}
        done = _save(locked, changes, by=by, channel=channel, what="weight")
    patient.refresh_from_db()
    return done
