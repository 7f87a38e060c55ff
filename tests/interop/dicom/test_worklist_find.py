"""A modality queries its worklist (RAD-5) over a real association, answered field by field
with what irsuite scheduled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from dicom_peers import another_vetted_request, find, server, worklist_query
from django.utils import timezone
from pydicom.dataset import Dataset
from pynetdicom import AE
from pynetdicom.sop_class import ModalityWorklistInformationFind

from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.requests import services
from irsuite.interop.dicom.models import ScheduledStep
from irsuite.interop.dicom.statuses import Status
from irsuite.interop.dicom.worklist.scp import handle_find
from irsuite.people.models import Room, SuiteType

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def port(room: Room) -> Iterator[int]:
    with server() as running:
        yield running


def _today() -> str:
    return timezone.localdate().strftime("%Y%m%d")


def test_a_scheduled_request_is_on_its_rooms_worklist_with_what_irsuite_scheduled(
    port: int, scheduled_request: Request
) -> None:
    final, answers = find(port, worklist_query(ScheduledProcedureStepStartDate=_today()))
    assert final == Status.SUCCESS
    [item] = answers
    step = ScheduledStep.objects.get(request=scheduled_request)
    sps = item.ScheduledProcedureStepSequence[0]
    assert str(item.PatientName) == "Example^Ada"
    assert item.PatientID == "SBH0000001"
    assert item.IssuerOfPatientID == "sbh"
    assert item.PatientBirthDate == "19600517"
    assert item.PatientSex == "F"
    assert item.AccessionNumber == scheduled_request.accession_number
    assert item.RequestedProcedureID == scheduled_request.accession_number
    assert item.RequestedProcedureDescription == scheduled_request.catalogue_entry.name[:64]
    assert item.StudyInstanceUID == step.study_instance_uid
    assert item.StudyInstanceUID.startswith("2.25.")
    code = item.RequestedProcedureCodeSequence[0]
    assert (code.CodeValue, code.CodingSchemeDesignator) == ("PCN", "99IRSUITE")
    assert sps.ScheduledStationAETitle == "SBH_ANGIO1"
    assert sps.ScheduledStationName == "ANGIO1"
    assert sps.ScheduledProcedureStepStartDate == _today()
    assert sps.ScheduledProcedureStepStartTime == "090000"
    assert sps.Modality == "XA"
    assert sps.ScheduledProcedureStepID == step.sps_id
    assert item.SpecificCharacterSet == "ISO_IR 100"
    assert "PregnancyStatus" in item


def test_the_study_instance_uid_is_issued_at_scheduling_and_never_changes(
    scheduled_request: Request, persona
) -> None:
    issued = ScheduledStep.objects.get(request=scheduled_request).study_instance_uid
    later = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0)
    services.schedule_request(
        scheduled_request, room=scheduled_request.room, start=later, by=persona("scheduler")
    )
    step = ScheduledStep.objects.get(request=scheduled_request)
    assert step.study_instance_uid == issued
    assert step.start_time == dt.time(14, 0)


def test_a_vetted_request_due_without_a_room_is_offered_to_named_peers_only(
    port: int, vetted_request: Request, settings
) -> None:
    settings.DICOM_PEERS = ["GATEWAY"]
    Request.objects.filter(pk=vetted_request.pk).update(due_date=timezone.localdate())
    services.transition(vetted_request, RequestStatus.REQUESTED, by=None, via_service=True)
    services.transition(vetted_request, RequestStatus.VETTED, by=None, via_service=True)
    assert find(port, worklist_query())[1] == []  # the room's modality sees its room only
    _, answers = find(port, worklist_query(), calling="GATEWAY")
    assert [a.AccessionNumber for a in answers] == [vetted_request.accession_number]
    assert answers[0].ScheduledProcedureStepSequence[0].ScheduledStationAETitle == ""


def test_a_station_that_omits_its_ae_title_gets_only_its_rooms_items(
    port: int, scheduled_request: Request, site, persona, catalogue
) -> None:
    other = Room.objects.create(
        site=site, code="ct1", name="CT 1", suite_type=SuiteType.CT, ae_title="SBH_CT1"
    )
    _, mine = find(port, worklist_query(), calling="SBH_ANGIO1")
    _, theirs = find(port, worklist_query(), calling=other.ae_title)
    assert len(mine) == 1 and theirs == []
    _, asked = find(port, worklist_query(ScheduledStationAETitle="SBH_ANGIO1"), "SBH_CT1")
    assert len(asked) == 1  # a station that names another room gets what it asked for


@pytest.mark.parametrize(
    ("keys", "found"),
    [
        ({"ScheduledProcedureStepStartDate": "20000101-"}, 1),  # open range
        ({"ScheduledProcedureStepStartDate": "-20000101"}, 0),
        ({"ScheduledProcedureStepStartTime": "-0800"}, 0),
        ({"ScheduledProcedureStepStartTime": "0800-1000"}, 1),
        ({"Modality": "XA"}, 1),
        ({"Modality": "CT"}, 0),
        ({"ScheduledStationAETitle": "SBH_*"}, 1),
        ({"ScheduledProcedureStepID": "S*"}, 1),
    ],
)
def test_sequence_keys_match_inside_the_scheduled_step(
    port: int, scheduled_request: Request, keys: dict[str, str], found: int
) -> None:
    final, answers = find(port, worklist_query(**keys))
    assert final == Status.SUCCESS
    assert len(answers) == found


@pytest.mark.parametrize(
    ("keyword", "value", "found"),
    [
        ("PatientName", "EXAMPLE^*", 1),
        ("PatientName", "Ex?mple^Ada", 1),
        ("PatientName", "Other*", 0),
        ("PatientID", "SBH0000001", 1),
        ("PatientID", "SBH0000002", 0),
        ("StudyInstanceUID", "1.2.3\\{uid}", 1),
        ("StudyInstanceUID", "1.2.3", 0),
        ("AccessionNumber", "IR*", 1),
    ],
)
def test_patient_and_request_keys_match(
    port: int, scheduled_request: Request, keyword: str, value: str, found: int
) -> None:
    uid = ScheduledStep.objects.get(request=scheduled_request).study_instance_uid
    query = worklist_query()
    setattr(query, keyword, value.replace("{uid}", uid))
    assert len(find(port, query)[1]) == found


def test_an_accented_name_survives_the_round_trip_and_matches_in_either_character_set(
    port: int, scheduled_request: Request
) -> None:
    patient = scheduled_request.patient
    patient.family_name, patient.given_name = "Müller", "Zoë"
    patient.save()
    services.schedule_request(
        scheduled_request,
        room=scheduled_request.room,
        start=scheduled_request.scheduled_start,
        by=None,
    )
    for charset in ("ISO_IR 100", "ISO_IR 192"):
        query = worklist_query()
        query.SpecificCharacterSet = charset
        query.PatientName = "Müller^*"
        [answer] = find(port, query)[1]
        assert answer.SpecificCharacterSet == charset
        assert str(answer.PatientName) == "Müller^Zoë"
    query = worklist_query()
    query.PatientName = "MULLER^ZOE"  # a console that cannot type accents
    assert len(find(port, query)[1]) == 1


def test_a_key_irsuite_does_not_support_is_ignored(port: int, scheduled_request: Request) -> None:
    query = worklist_query()
    query.AdmissionID = "ADM1"
    query.ReferringPhysicianName = "Nobody"
    final, answers = find(port, query)
    assert final == Status.SUCCESS and len(answers) == 1
    assert "AdmissionID" not in answers[0]


def test_a_malformed_date_gets_a_failure_with_its_reason_and_the_server_keeps_serving(
    port: int, scheduled_request: Request
) -> None:
    final, answers = find(port, worklist_query(ScheduledProcedureStepStartDate="2026-12-06"))
    assert final == Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS and answers == []
    assert find(port, worklist_query())[0] == Status.SUCCESS


def test_a_cancelled_request_leaves_the_worklist(
    port: int, scheduled_request: Request, persona
) -> None:
    services.transition(
        scheduled_request, RequestStatus.CANCELLED, by=persona("scheduler"), reason="Unwell"
    )
    assert find(port, worklist_query())[1] == []
    assert ScheduledStep.objects.get(request=scheduled_request).status == "CANCELLED"


class _Event:
    """A C-FIND event whose requestor cancels after the first answer."""

    def __init__(self, query: Dataset) -> None:
        self.identifier = query
        self.answered = 0

        class _Requestor:
            ae_title = "GATEWAY"

        class _Assoc:
            requestor = _Requestor()

        self.assoc = _Assoc()

    @property
    def is_cancelled(self) -> bool:
        return self.answered >= 1


def test_a_cancel_stops_the_answer_stream(
    scheduled_request: Request, vetted_request: Request, settings, persona, patient, site
) -> None:
    settings.DICOM_PEERS = ["GATEWAY"]
    second = another_vetted_request(persona, patient, site)
    services.schedule_request(
        second,
        room=scheduled_request.room,
        start=scheduled_request.scheduled_start + dt.timedelta(hours=2),
        by=None,
    )
    event = _Event(worklist_query())
    statuses = []
    for status, _ in handle_find(event):
        statuses.append(status)
        if status == Status.PENDING:
            event.answered += 1
    assert statuses == [Status.PENDING, Status.CANCEL]


def _find_with_pdu_limit(port: int, query: Dataset, limit: int) -> list[Dataset]:
    scu = AE(ae_title="SBH_ANGIO1")
    scu.maximum_pdu_size = limit
    scu.add_requested_context(ModalityWorklistInformationFind)
    assoc = scu.associate("127.0.0.1", port, ae_title="IRSUITE")
    try:
        return [
            identifier
            for status, identifier in assoc.send_c_find(query, ModalityWorklistInformationFind)
            if status and status.Status == Status.PENDING
        ]
    finally:
        assoc.release()


def test_a_console_that_takes_only_small_pdus_gets_every_answer_whole(
    port: int, scheduled_request: Request
) -> None:
    query = worklist_query(ScheduledProcedureStepStartDate=_today())
    [small] = _find_with_pdu_limit(port, query, 128)
    [usual] = find(port, query)[1]
    assert small == usual
    assert str(small.PatientName) == "Example^Ada"
