"""The worklist follows the patient: a rename (HL7 ADT^A08), a changed identifier (A47), a
merge (A40) and its undoing, or newly recorded allergies show in the modality's next query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dicom_peers import find, server, worklist_query
from django.utils import timezone
from pydicom.dataset import Dataset

from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.requests import services
from irsuite.interop.dicom.models import ScheduledStep
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.peers.services import add_peer, forget_peers
from irsuite.patients.facts.services import record_allergies
from irsuite.patients.merge.models import PatientMerge
from irsuite.patients.merge.services import undo_merge
from irsuite.people.models import Room

pytestmark = pytest.mark.django_db(transaction=True)

HL7 = Path(__file__).resolve().parents[2] / "fixtures" / "hl7"


def hl7(name: str) -> bytes:
    return (HL7 / name).read_bytes()


@pytest.fixture
def port(room: Room) -> Iterator[int]:
    with server() as running:
        yield running


@pytest.fixture
def ehr(site) -> Iterator[None]:  # type: ignore[no-untyped-def]
    forget_peers()
    add_peer(by=None, name="ehr", application="EHR", facility="SBH", site_code=site.code)
    forget_peers()
    yield
    forget_peers()


def _item(port: int) -> Dataset:
    today = timezone.localdate().strftime("%Y%m%d")
    _, answers = find(port, worklist_query(ScheduledProcedureStepStartDate=today))
    [item] = answers
    return item


def _ack_code(ack: bytes) -> str:
    msa = next(s for s in ack.decode().split("\r") if s.startswith("MSA"))
    return msa.split("|")[1]


def test_an_a08_rename_shows_in_the_next_worklist_query(
    port: int, scheduled_request: Request, ehr: None
) -> None:
    assert str(_item(port).PatientName) == "Example^Ada"
    assert _ack_code(receive(hl7("adt_a08_update.hl7"))) == "AA"
    assert str(_item(port).PatientName) == "Example-Smith^Ada"


def test_an_a47_identifier_change_shows_in_the_next_worklist_query(
    port: int, scheduled_request: Request, ehr: None
) -> None:
    assert _ack_code(receive(hl7("adt_a47_change_identifier.hl7"))) == "AA"
    assert _item(port).PatientID == "SBH0000101"


def test_after_an_a40_merge_the_worklist_shows_the_surviving_identity_and_undoing_restores_it(
    port: int, scheduled_request: Request, ehr: None, persona
) -> None:
    receive(hl7("adt_a01_admit.hl7"))  # Sample^Ben, SBH0000002, the record that survives
    ada = b"PID|1||SBH0000001^^^SBH^MR||Example^Ada||19600517|F"
    ben = b"PID|1||SBH0000002^^^SBH^MR||Sample^Ben||19510203|M"
    merge = hl7("adt_a40_merge.hl7").replace(ada, ben).replace(b"MRG|SBH0000002", b"MRG|SBH0000001")
    assert _ack_code(receive(merge)) == "AA"
    item = _item(port)
    # The survivor holds both MRNs now; its own is shown, not the merged record's (which
    # sorts first).
    assert (str(item.PatientName), item.PatientID) == ("Sample^Ben", "SBH0000002")
    assert (item.PatientBirthDate, item.PatientSex) == ("19510203", "M")
    undo_merge(PatientMerge.objects.get(), by=persona("admin"), reason="Records split again")
    item = _item(port)
    assert (str(item.PatientName), item.PatientID) == ("Example^Ada", "SBH0000001")


def test_allergies_recorded_later_show_in_the_next_worklist_query(
    port: int, scheduled_request: Request, persona
) -> None:
    record_allergies(
        scheduled_request.patient,
        allergies="Latex",
        contrast_allergy=True,
        by=persona("nurse"),
    )
    assert _item(port).Allergies == "Iodinated contrast, Latex"


def test_a_finished_step_keeps_the_identity_it_was_performed_under(
    scheduled_request: Request, ehr: None, persona
) -> None:
    services.transition(
        scheduled_request, RequestStatus.CANCELLED, by=persona("attending"), reason="Not needed"
    )
    receive(hl7("adt_a08_update.hl7"))
    assert ScheduledStep.objects.get(request=scheduled_request).patient_name == "Example^Ada"
