"""Registering patients with their identifiers; an MRN is unique within its site."""

from __future__ import annotations

import datetime as dt

import pytest

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.errors import Conflict, ValidationFailed
from irsuite.patients.models import IdentifierType, Patient, PatientIdentifier
from irsuite.patients.services import find_by_mrn, mrn_at, register_patient

pytestmark = pytest.mark.django_db


def register(site, mrn: str = "SBH0000002", **changes):  # type: ignore[no-untyped-def]
    fields = {
        "by": None,
        "site": site,
        "mrn": mrn,
        "given_name": "Other",
        "family_name": "Person",
        "birth_date": dt.date(1970, 1, 1),
        **changes,
    }
    return register_patient(**fields)


def test_registering_a_patient_records_the_mrn_at_the_site_and_audits_it(site, persona):
    patient = register(
        site, mrn=" SBH0000002 ", enterprise_id="EID-7", by=persona("referrer"), sex="M"
    )
    identifier = PatientIdentifier.objects.get(patient=patient)
    assert (identifier.type, identifier.site, identifier.value) == (
        IdentifierType.MRN,
        site,
        "SBH0000002",
    )
    assert patient.enterprise_id == "EID-7" and patient.sex == "M"
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="patients.patient")
    assert event.patient_id == patient.pk and event.actor == persona("referrer")
    assert event.after["family_name"] == "Person" and "SBH0000002" not in event.summary


def test_a_second_patient_with_the_same_mrn_at_a_site_is_refused(patient, site):
    with pytest.raises(Conflict, match="already has a patient with MRN SBH0000001"):
        register(site, mrn="SBH0000001")
    assert Patient.objects.count() == 1


def test_the_same_mrn_at_another_site_is_another_patient(patient, other_site):
    other = register(other_site, mrn="SBH0000001")
    assert other.pk != patient.pk
    assert find_by_mrn(other_site, "SBH0000001") == other


def test_the_database_keeps_an_mrn_unique_within_its_site(patient, site):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PatientIdentifier.objects.create(
            patient=register(site), type=IdentifierType.MRN, site=site, value="SBH0000001"
        )


@pytest.mark.parametrize(
    "changes,problem",
    [
        ({"mrn": "  "}, "MRN is required"),
        ({"given_name": ""}, "names are required"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=1)}, "in the future"),
        ({"sex": "X"}, "Sex 'X' is unknown"),
    ],
)
def test_incomplete_or_wrong_details_are_refused(site, changes, problem):
    with pytest.raises(ValidationFailed, match=problem):
        register(site, **changes)
    assert not Patient.objects.exists()


def test_find_by_mrn_ignores_surrounding_spaces_and_other_sites(patient, site, other_site):
    assert find_by_mrn(site, " SBH0000001 ") == patient
    assert find_by_mrn(other_site, "SBH0000001") is None


def test_the_mrn_at_a_site_falls_back_to_another_site_s_mrn(patient, site, other_site):
    assert mrn_at(patient, other_site) == "SBH0000001"
    PatientIdentifier.objects.create(
        patient=patient, type=IdentifierType.MRN, site=other_site, value="NOC42"
    )
    assert mrn_at(patient, other_site) == "NOC42"
    assert mrn_at(patient, site) == "SBH0000001"


def test_a_chart_view_is_audited_without_identifiers(patient, persona, api_as):
    assert api_as("nurse").get(f"/api/v1/patients/{patient.pk}").status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (event.patient_id, event.channel, event.actor) == (patient.pk, "api", persona("nurse"))
    shown = f"{event.summary} {event.reason}"
    assert "chart viewed" in shown
    assert patient.family_name not in shown and "SBH0000001" not in shown
