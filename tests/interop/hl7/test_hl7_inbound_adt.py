"""ADT from the hospital registers, updates, merges and re-keys patients (RAD-1, RAD-12)."""

from __future__ import annotations

import pytest
from hl7_samples import deliver_fixture, ehr_fixture, err, fresh_peer_cache_fixture, msa  # noqa: F401

from irsuite.audit.models import AuditEvent
from irsuite.interop.hl7.codes import InboxStatus
from irsuite.interop.hl7.models import InboxMessage
from irsuite.patients.models import IdentifierType, Patient, PatientMerge
from irsuite.patients.services import find_by_mrn

pytestmark = pytest.mark.django_db


def test_an_a04_registers_the_patient_with_identifiers_and_allergies(ehr, site, deliver):
    ack = deliver("adt_a04_register.hl7")
    assert msa(ack)[1:3] == ["AA", "A04-0001"]
    patient = find_by_mrn(site, "SBH0000001")
    assert patient is not None
    assert (patient.family_name, patient.given_name, str(patient.birth_date), patient.sex) == (
        "Example",
        "Ada",
        "1960-05-17",
        "F",
    )
    assert patient.enterprise_id == "E900001"
    kinds = sorted(patient.identifiers.values_list("type", "value"))
    assert kinds == [(IdentifierType.MRN, "SBH0000001"), (IdentifierType.ENTERPRISE, "E900001")]
    assert patient.allergies.splitlines() == [
        "Penicillin (Severe): Anaphylaxis",
        "Iodinated contrast (Moderate): Urticaria, Itch",
    ]
    row = InboxMessage.objects.get(control_id="A04-0001")
    assert (row.status, row.peer, row.message_type) == (InboxStatus.APPLIED, ehr, "ADT^A04")


def test_the_same_control_id_twice_gets_the_original_ack_and_is_applied_once(ehr, deliver):
    first = deliver("adt_a04_register.hl7")
    again = deliver("adt_a04_register.hl7")
    assert again == first
    assert InboxMessage.objects.count() == 1
    assert Patient.objects.count() == 1


def test_an_a08_updates_a_known_patient_and_audits_before_and_after(ehr, site, deliver):
    deliver("adt_a04_register.hl7")
    assert msa(deliver("adt_a08_update.hl7"))[1] == "AA"
    patient = find_by_mrn(site, "SBH0000001")
    assert patient is not None and patient.family_name == "Example-Smith"
    change = AuditEvent.objects.filter(patient_id=patient.pk, summary="demographics updated").get()
    assert change.before == {"family_name": "Example"}
    assert change.channel == "hl7"


def test_an_a08_for_an_unknown_patient_is_ae_204_and_kept_with_its_reason(ehr, deliver):
    ack = deliver("adt_a08_unknown_patient.hl7")
    assert msa(ack)[1] == "AE"
    assert err(ack)[3].startswith("204^Unknown key identifier^HL70357")
    assert err(ack)[2] == "PID^1^3"
    row = InboxMessage.objects.get(control_id="A08-0002")
    assert (row.status, row.error_code, row.error_location) == (InboxStatus.ERROR, "204", "PID-3")
    assert Patient.objects.count() == 0


def test_a_bad_birth_date_is_ae_102(ehr, deliver):
    deliver("adt_a04_register.hl7")
    ack = deliver("adt_a08_bad_date.hl7")
    assert msa(ack)[1] == "AE"
    assert err(ack)[3].startswith("102^")


def test_an_a40_merges_the_prior_record_into_the_survivor(ehr, site, deliver, persona):
    deliver("adt_a04_register.hl7")
    deliver("adt_a01_admit.hl7")
    survivor, prior = find_by_mrn(site, "SBH0000001"), find_by_mrn(site, "SBH0000002")
    assert survivor is not None and prior is not None
    assert msa(deliver("adt_a40_merge.hl7"))[1] == "AA"
    prior.refresh_from_db()
    assert prior.merged_into == survivor
    # the prior MRN now finds the survivor's chart
    assert find_by_mrn(site, "SBH0000002") == survivor
    merge = PatientMerge.objects.get()
    assert merge.moved["patients.patientidentifier.patient"]


def test_an_a47_changes_the_mrn(ehr, site, deliver):
    deliver("adt_a04_register.hl7")
    assert msa(deliver("adt_a47_change_identifier.hl7"))[1] == "AA"
    assert find_by_mrn(site, "SBH0000001") is None
    patient = find_by_mrn(site, "SBH0000101")
    assert patient is not None and patient.family_name == "Example"


@pytest.mark.parametrize(
    ("name", "family"),
    [("adt_a08_lf_separated.hl7", "Lf"), ("adt_a08_crlf_separated.hl7", "Crlf")],
)
def test_segments_separated_by_lf_or_crlf_are_read(ehr, site, deliver, name, family):
    deliver("adt_a04_register.hl7")
    assert msa(deliver(name))[1] == "AA"
    assert find_by_mrn(site, "SBH0000001").family_name == family  # type: ignore[union-attr]


def test_escape_sequences_are_unescaped(ehr, site, deliver):
    deliver("adt_a04_register.hl7")
    assert msa(deliver("adt_a08_escapes.hl7"))[1] == "AA"
    patient = find_by_mrn(site, "SBH0000001")
    assert patient is not None
    assert patient.family_name == "O|Brien^x&y~z\\"
    assert patient.given_name == "Adéle"


def test_utf8_names_under_an_8859_1_header_are_read_as_utf8(ehr, site, deliver):
    deliver("adt_a04_register.hl7")
    assert msa(deliver("adt_a08_utf8_under_8859_1.hl7"))[1] == "AA"
    patient = find_by_mrn(site, "SBH0000001")
    assert patient is not None and (patient.family_name, patient.given_name) == ("Müller", "Zoë")


def test_latin1_bytes_under_an_8859_1_header_are_read_as_latin1(ehr, site, deliver):
    deliver("adt_a04_register.hl7")
    ack = deliver("adt_a08_latin1.hl7")
    assert msa(ack)[1] == "AA"
    patient = find_by_mrn(site, "SBH0000001")
    assert patient is not None and patient.family_name == "Müller"


def test_repeated_identifiers_and_names_take_the_mr_and_pi_and_the_first_name(ehr, site, deliver):
    assert msa(deliver("adt_a04_repeated_fields.hl7"))[1] == "AA"
    patient = find_by_mrn(site, "SBH0000003")
    assert patient is not None
    assert (patient.family_name, patient.enterprise_id) == ("Repeat", "E900003")
    assert patient.identifiers.count() == 2  # the account number (AN) is not kept
