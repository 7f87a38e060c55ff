"""Registering patients and their identifiers; every chart view is audited."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record, snapshot
from irsuite.errors import Conflict, ValidationFailed
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
    if not mrn:
        raise ValidationFailed("The MRN is required.")
    if not given_name.strip() or not family_name.strip():
        raise ValidationFailed("Given and family names are required.")
    if birth_date > dt.date.today():
        raise ValidationFailed("The date of birth is in the future; check it.")
    if sex not in Sex.values:
        raise ValidationFailed(f"Sex {sex!r} is unknown; use F, M, O or U.")
    if find_by_mrn(site, mrn) is not None:
        raise Conflict(
            f"Site {site.code} already has a patient with MRN {mrn}; open that patient instead."
        )
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
        raise Conflict(
            f"Site {site.code} already has a patient with MRN {mrn}; open that patient instead."
        ) from None
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
    """Audit that someone opened a patient's chart."""
    record(
        by,
        AuditAction.VIEW,
        patient,
        patient_id=patient.pk,
        summary="chart viewed",
        channel=channel,
    )


def mrn_at(patient: Patient, site: Site | None = None) -> str:
    """The patient's MRN at a site (or their first MRN)."""
    identifiers = [i for i in patient.identifiers.all() if i.type == IdentifierType.MRN]
    for ident in identifiers:
        if site is None or ident.site_id == site.pk:
            return ident.value
    return identifiers[0].value if identifiers else ""
