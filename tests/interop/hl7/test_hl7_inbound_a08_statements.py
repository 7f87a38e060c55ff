"""An ADT^A08 finds and locks its patient in one statement (the identifier's holder, its row
locked), and its UPDATE says whether the worklist holds any of the patient's open steps: the
worklist asks nothing more of a patient without open steps, and still follows one with them.
A field that cannot be read is answered once the patient is known (an unknown patient is
answered first)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hl7_samples import (  # noqa: F401
    deliver_fixture,
    ehr_fixture,
    err,
    fresh_peer_cache_fixture,
    msa,
    sample,
)

from irsuite.interop.dicom.models import ScheduledStep
from irsuite.interop.hl7.inbound.services import receive
from irsuite.patients.models import Patient

pytestmark = pytest.mark.django_db


def _statements_naming(table: str, ran: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ran.captured_queries if table in q["sql"]]


def test_an_a08_for_a_patient_without_open_steps_reads_the_patient_once(ehr, patient, deliver):
    with CaptureQueriesContext(connection) as ran:
        assert msa(deliver("adt_a08_update.hl7"))[1] == "AA"
    [read] = _statements_naming("patients_patientidentifier", ran)
    assert "FOR UPDATE" in read or connection.vendor == "sqlite"
    [update] = _statements_naming("interop_scheduledstep", ran)
    assert update.startswith("UPDATE") and "RETURNING" in update


def test_an_a08_for_a_patient_with_an_open_step_renames_it(ehr, scheduled_request, deliver):
    step = ScheduledStep.objects.get(request=scheduled_request)
    assert step.on_worklist
    assert msa(deliver("adt_a08_update.hl7"))[1] == "AA"
    step.refresh_from_db()
    assert step.patient_name.startswith("Example-Smith^")


def test_an_a08_for_an_unknown_patient_with_a_bad_field_is_answered_unknown_first(ehr):
    ack = receive(sample("adt_a08_bad_date.hl7").replace(b"SBH0000001", b"SBH9999999"))
    assert msa(ack)[1] == "AE"
    assert err(ack)[3].startswith("204^")


def test_an_a08_with_a_bad_field_changes_nothing(ehr, patient):
    ack = receive(sample("adt_a08_update.hl7").replace(b"|F\r", b"|Q\r"))
    assert msa(ack)[1] == "AE"
    assert err(ack)[2] == "PID^1^8"
    assert Patient.objects.get(pk=patient.pk).family_name == "Example"
