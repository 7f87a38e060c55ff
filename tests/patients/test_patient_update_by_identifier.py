"""An update by identifier (HL7 ADT^A08) finds the patient and locks the row in one statement:
the holder of the first identifier any patient holds, or the record it was merged into."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from irsuite.audit.models import AuditEvent
from irsuite.patients.models import IdentifierType, Patient
from irsuite.patients.services import register_patient, update_demographics_by_identifier

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(patient, site) -> Patient:
    """A second record with its own MRN and enterprise id, merged into `patient` (what the
    hospital's A40 leaves behind when identifiers still name the merged record)."""
    other = register_patient(
        by=None,
        site=site,
        mrn="SBH0000002",
        given_name="Ada",
        family_name="Exampel",
        birth_date=dt.date(1960, 5, 17),
        sex="F",
        enterprise_id="EID-2",
        synthetic=True,
    )
    Patient.objects.filter(pk=other.pk).update(merged_into=patient)
    return other


def _rename(*identifiers, family: str = "Example-Smith"):  # type: ignore[no-untyped-def]
    return update_demographics_by_identifier(
        list(identifiers), by=None, changes={"family_name": family}, channel="hl7"
    )


def test_it_updates_the_patient_holding_the_identifier_and_audits_it(patient, site):
    updated = _rename((IdentifierType.MRN, site, " SBH0000001 "))
    assert updated is not None and updated.pk == patient.pk
    assert Patient.objects.get(pk=patient.pk).family_name == "Example-Smith"
    event = AuditEvent.objects.get(summary="demographics updated")
    assert event.before == {"family_name": "Example"}
    assert event.after == {"family_name": "Example-Smith"}
    assert event.channel == "hl7"


def test_a_merged_records_identifier_locks_and_updates_the_survivor(patient, merged, site):
    with CaptureQueriesContext(connection) as ran:
        updated = _rename((IdentifierType.MRN, site, "SBH0000002"))
    assert updated is not None and updated.pk == patient.pk
    assert Patient.objects.get(pk=patient.pk).family_name == "Example-Smith"
    assert Patient.objects.get(pk=merged.pk).family_name == "Exampel"
    # one statement found the identifier and read the survivor's row
    reads = [q["sql"] for q in ran.captured_queries if "patients_patientidentifier" in q["sql"]]
    assert len(reads) == 1


def test_a_merged_records_enterprise_id_updates_the_survivor(patient, merged):
    updated = _rename((IdentifierType.ENTERPRISE, None, "EID-2"))
    assert updated is not None and updated.pk == patient.pk
    assert Patient.objects.get(pk=merged.pk).family_name == "Exampel"


def test_the_first_identifier_a_patient_holds_decides(patient, merged, site):
    updated = _rename(
        (IdentifierType.MRN, site, "SBH9999999"), (IdentifierType.ENTERPRISE, None, "EID-2")
    )
    assert updated is not None and updated.pk == patient.pk


def test_identifiers_no_patient_holds_change_nothing(patient, site):
    assert _rename((IdentifierType.MRN, site, "SBH9999999")) is None
    assert Patient.objects.get(pk=patient.pk).family_name == "Example"
    assert not AuditEvent.objects.filter(summary="demographics updated").exists()
