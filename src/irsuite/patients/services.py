"""Registering patients and their identifiers; every chart view is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from irsuite import bounds
from irsuite.audit.models import AuditAction
from irsuite.audit.reads import note_patients
from irsuite.audit.services import Actor, record, snapshot
from irsuite.errors import Conflict, ValidationFailed
from irsuite.inserts import Updater
from irsuite.patients import queries
from irsuite.patients.hooks import patient_changed
from irsuite.patients.models import IdentifierType, Patient, PatientIdentifier, Sex
from irsuite.people.models import Site

User = Actor


def find_by_mrn(site: Site, mrn: str) -> Patient | None:
    ident = (
        PatientIdentifier.objects.select_related("patient")
        .filter(type=IdentifierType.MRN, site=site, value=mrn.strip())
        .first()
    )
    return ident.patient if ident else None


def _check_details(
    mrn: str, given_name: str, family_name: str, birth_date: dt.date, sex: str
) -> None:
    if not mrn:
        raise ValidationFailed("The MRN is required.")
    if not given_name.strip() or not family_name.strip():
        raise ValidationFailed("Given and family names are required.")
    problem = (
        bounds.text_problem("The MRN", mrn, bounds.max_length(PatientIdentifier, "value"))
        or bounds.text_problem(
            "The given name", given_name, bounds.max_length(Patient, "given_name"), name=True
        )
        or bounds.text_problem(
            "The family name", family_name, bounds.max_length(Patient, "family_name"), name=True
        )
        or bounds.birth_date_problem(birth_date)
    )
    if problem:
        raise ValidationFailed(problem)
    if sex not in Sex.values:
        raise ValidationFailed(f"Sex {sex!r} is unknown; use F, M, O or U.")


def _duplicate(site: Site, mrn: str) -> Conflict:
    return Conflict(
        f"Site {site.code} already has a patient with MRN {mrn}; open that patient instead."
    )


@transaction.atomic
def register_patient(
    *,
    by: User,
    site: Site,
    mrn: str,
    given_name: str,
    family_name: str,
    birth_date: dt.date,
    sex: str = Sex.UNKNOWN,
    allergies: str = "",
    contrast_allergy: bool = False,
    enterprise_id: str | None = None,
    synthetic: bool = False,
    channel: str = "web",
) -> Patient:
    """Create a patient with an MRN at a site; the same MRN twice at one site is refused."""
    mrn = mrn.strip()
    _check_details(mrn, given_name, family_name, birth_date, sex)
    if find_by_mrn(site, mrn) is not None:
        raise _duplicate(site, mrn)
    patient = Patient.objects.create(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        birth_date=birth_date,
        sex=sex,
        allergies=allergies,
        contrast_allergy=contrast_allergy,
        enterprise_id=enterprise_id or None,
        synthetic=synthetic,
    )
    try:
        with transaction.atomic():
            PatientIdentifier.objects.create(
                patient=patient, type=IdentifierType.MRN, site=site, value=mrn
            )
    except IntegrityError:
        raise _duplicate(site, mrn) from None
    record(
        by,
        AuditAction.CREATE,
        patient,
        patient_id=patient.pk,
        after=snapshot(patient),
        summary="patient registered",
        channel=channel,
    )
    return patient


def record_chart_view(by: User, patient: Patient, channel: str = "web") -> None:
    """Note that the response shows this patient's chart: the read-audit middleware records
    it once, with every other patient the same response showed (audit.reads)."""
    note_patients([patient.pk], what="chart viewed")


def mrn_at(patient: Patient, site: Site | None = None) -> str:
    """The patient's MRN at a site (or their first MRN)."""
    identifiers = [i for i in patient.identifiers.all() if i.type == IdentifierType.MRN]
    for ident in identifiers:
        if site is None or ident.site_id == site.pk:
            return ident.value
    return identifiers[0].value if identifiers else ""


def _same_person(patient: Patient, family_name: str, birth_date: dt.date) -> bool:
    return (
        patient.family_name.strip().casefold() == family_name.strip().casefold()
        and patient.birth_date == birth_date
    )


@transaction.atomic
def patient_for_referral(
    *,
    by: User,
    site: Site,
    mrn: str,
    given_name: str,
    family_name: str,
    birth_date: dt.date | None,
    sex: str = Sex.UNKNOWN,
    channel: str = "web",
) -> Patient:
    """The patient a referrer means, found only by identifiers they already hold.

    The chart with this MRN at this site is used when the family name and the date of birth
    match it too. Otherwise a new registration is made for IR staff to reconcile (flagged, and
    holding the claimed MRN when that MRN is another patient's): whatever was typed, the
    referrer learns nothing about any chart they did not already identify.
    """
    if not (mrn.strip() and given_name.strip() and family_name.strip() and birth_date):
        raise ValidationFailed(
            "Give the patient's MRN, given and family names and date of birth: a referral "
            "finds the patient by all of them."
        )
    existing = find_by_mrn(site, mrn.strip())
    if existing is not None and _same_person(existing, family_name, birth_date):
        return existing
    if existing is None:
        patient = register_patient(
            by=by,
            site=site,
            mrn=mrn,
            given_name=given_name,
            family_name=family_name,
            birth_date=birth_date,
            sex=sex,
            channel=channel,
        )
        Patient.objects.filter(pk=patient.pk).update(needs_reconciliation=True)
        patient.needs_reconciliation = True
        return patient
    return _unmatched_registration(by, mrn, given_name, family_name, birth_date, sex, channel)


def _unmatched_registration(
    by: User,
    mrn: str,
    given_name: str,
    family_name: str,
    birth_date: dt.date,
    sex: str,
    channel: str,
) -> Patient:
    _check_details(mrn.strip(), given_name, family_name, birth_date, sex)
    patient = Patient.objects.create(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        birth_date=birth_date,
        sex=sex,
        needs_reconciliation=True,
        claimed_mrn=mrn.strip(),
    )
    record(
        by,
        AuditAction.CREATE,
        patient,
        patient_id=patient.pk,
        after=snapshot(patient),
        summary="patient registered from a referral, to reconcile",
        channel=channel,
    )
    return patient


# Identifiers by assigning authority (HL7 v2 CX: an MRN is an MR identifier of a site, an
# enterprise id a PI identifier of no site) and demographics updated from the hospital.


def find_by_identifier(type: str, site: Site | None, value: str) -> Patient | None:
    """The patient holding this identifier (MR at a site; PI and NI without a site)."""
    value = value.strip()
    if type == IdentifierType.ENTERPRISE:
        found = Patient.objects.filter(enterprise_id=value).first()
        if found is not None:
            return found
    ident = (
        PatientIdentifier.objects.select_related("patient")
        .filter(type=type, site=site, value=value)
        .first()
    )
    return ident.patient if ident else None


@transaction.atomic
def add_identifier(
    patient: Patient, *, by: User, type: str, site: Site | None, value: str, channel: str = "web"
) -> PatientIdentifier:
    """Give a patient one more identifier; one already held by another patient is refused."""
    value = value.strip()
    holder = find_by_identifier(type, site, value)
    if holder is not None and holder.pk != patient.pk:
        raise Conflict("This identifier already belongs to another patient; merge them instead.")
    if holder is not None:
        return patient.identifiers.get(type=type, site=site, value=value)
    ident = PatientIdentifier.objects.create(patient=patient, type=type, site=site, value=value)
    if type == IdentifierType.ENTERPRISE and not patient.enterprise_id:
        Patient.objects.filter(pk=patient.pk).update(enterprise_id=value)
        patient.enterprise_id = value
    record(
        by,
        AuditAction.CREATE,
        ident,
        patient_id=patient.pk,
        after={"type": type, "site": site.pk if site else None},
        summary="identifier added",
        channel=channel,
    )
    patient_changed(patient.pk)
    return ident


@transaction.atomic
def change_identifier(
    ident: PatientIdentifier, *, by: User, value: str, channel: str = "web"
) -> PatientIdentifier:
    """Correct an identifier's value (HL7 ADT^A47); a value another patient holds is refused."""
    value = value.strip()
    holder = find_by_identifier(ident.type, ident.site, value)
    if holder is not None and holder.pk != ident.patient_id:
        raise Conflict("The new identifier already belongs to another patient; merge them.")
    before = {"value": ident.value}
    ident.value = value
    ident.save(update_fields=["value"])
    if ident.type == IdentifierType.ENTERPRISE:
        Patient.objects.filter(pk=ident.patient_id).update(enterprise_id=value)
    record(
        by,
        AuditAction.CHANGE,
        ident,
        patient_id=ident.patient_id,
        before=before,
        after={"value": value},
        summary="identifier changed",
        channel=channel,
    )
    patient_changed(ident.patient_id)
    return ident


DEMOGRAPHICS = ("given_name", "family_name", "birth_date", "sex", "allergies", "deceased_at")
# Every ADT^A08 runs this update: the patient is read and locked (queries.locked_patient) and
# written by statements built once (irsuite.inserts), not composed by the ORM on every message.
_write = Updater(Patient)


def _check_demographic_names(changes: dict[str, object]) -> None:
    unknown = set(changes) - set(DEMOGRAPHICS)
    if unknown:
        raise ValidationFailed(f"Not a demographic field: {', '.join(sorted(unknown))}.")


# No savepoint of its own: every check comes before the first write, and a caller that nests
# it (an HL7 message) rolls back as a whole, so the two round trips a savepoint costs are saved.
@transaction.atomic(savepoint=False)
def update_demographics(
    patient: Patient, *, by: User, changes: dict[str, object], channel: str = "web"
) -> Patient:
    """Change names, date of birth, sex, allergies or date of death; audited before/after."""
    _check_demographic_names(changes)
    found = queries.locked_patient(queries.BY_KEY, [patient.pk])
    if found is None:
        raise Patient.DoesNotExist("No patient has this key.")
    return _change_demographics(found, by, changes, channel)


@transaction.atomic(savepoint=False)
def update_demographics_by_identifier(
    identifiers: Iterable[tuple[str, Site | None, str]],
    *,
    by: User,
    changes: dict[str, object],
    channel: str = "web",
) -> Patient | None:
    """`update_demographics` for the patient holding the first of these identifiers (type,
    site, value) that a patient holds, or the record that patient was merged into; None when
    no patient holds any. Each identifier is looked up and its patient locked in one
    statement, so an HL7 update costs no separate lookup."""
    _check_demographic_names(changes)
    for type, site, value in identifiers:
        for where, params in queries.holder_conditions(type, site, value.strip()):
            found = queries.locked_patient(where, params)
            if found is not None:
                return _change_demographics(found, by, changes, channel)
    return None


def _change_demographics(
    patient: Patient, by: User, changes: dict[str, object], channel: str
) -> Patient:
    """Apply the changes to the locked row; write, audit and tell the listeners what changed.

    The listeners' conditions are read by the UPDATE itself, with the snapshot it takes: a
    step booked by a transaction that committed while this one waited for the row is seen."""
    before = snapshot(patient, DEMOGRAPHICS)
    for name, value in changes.items():
        setattr(patient, name, value)
    _check_details("-", patient.given_name, patient.family_name, patient.birth_date, patient.sex)
    after = snapshot(patient, DEMOGRAPHICS)
    diff = {k: v for k, v in after.items() if before[k] != v}
    if not diff:
        return patient
    concerned = queries.concerns()
    flags = _write(patient, diff, *queries.returning(concerned))
    record(
        by,
        AuditAction.CHANGE,
        patient,
        patient_id=patient.pk,
        before={k: before[k] for k in diff},
        after=diff,
        summary="demographics updated",
        channel=channel,
    )
    unconcerned = [hook for (hook, _), flag in zip(concerned, flags, strict=True) if not flag]
    patient_changed(patient.pk, unconcerned=unconcerned)
    return patient
