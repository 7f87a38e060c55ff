"""A modality reports what it performed (RAD-6/RAD-7): pynetdicom sends MPPS to the server."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator

import pytest
from dicom_peers import (
    Modality,
    another_vetted_request,
    find,
    pps_final,
    pps_in_progress,
    server,
    worklist_query,
)
from django.utils import timezone
from pydicom.uid import generate_uid

from irsuite.cases.models import Procedure, Request, RequestStatus
from irsuite.cases.requests import services
from irsuite.interop.dicom.models import MatchedBy, PerformedStep, ScheduledStep
from irsuite.interop.dicom.statuses import Status
from irsuite.safety.checklist import gate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def modality(room) -> Iterator[Modality]:
    with server() as port:
        sender = Modality(port)
        sender.port = port  # type: ignore[attr-defined]
        try:
            yield sender
        finally:
            sender.close()


@pytest.fixture
def gates_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Consent and the checklist are tested by the safety area; here they are satisfied."""
    monkeypatch.setattr(gate, "start_problems", lambda request: [])


BASE = (timezone.localtime() - dt.timedelta(hours=6)).replace(second=0, microsecond=0)


def _at(hour: int, minute: int = 0) -> dt.datetime:
    """A time earlier today (the record refuses times in the future): `hour` counts from a
    base six hours ago."""
    return BASE + dt.timedelta(hours=hour - 9, minutes=minute)


def _step(request: Request) -> ScheduledStep:
    return ScheduledStep.objects.get(request=request)


def test_in_progress_starts_the_procedure_and_stamps_the_room_times(
    modality: Modality, ready_request: Request, gates_passed: None
) -> None:
    uid = generate_uid()
    status = modality.create(uid, pps_in_progress(sps_id=_step(ready_request).sps_id, at=_at(9, 5)))
    assert status.Status == Status.SUCCESS
    ready_request.refresh_from_db()
    assert ready_request.status == RequestStatus.IN_PROGRESS
    procedure = Procedure.objects.get(request=ready_request)
    assert timezone.localtime(procedure.start_at) == _at(9, 5)
    assert timezone.localtime(procedure.in_room_at) == _at(9, 5)
    pps = PerformedStep.objects.get(sop_instance_uid=uid)
    assert pps.matched_by == MatchedBy.SPS and pps.procedure == procedure
    assert _step(ready_request).status == "STARTED"


def test_completed_stamps_the_end_and_takes_the_item_off_the_worklist_but_leaves_it_unsigned(
    modality: Modality, ready_request: Request, gates_passed: None
) -> None:
    uid = generate_uid()
    modality.create(uid, pps_in_progress(accession=ready_request.accession_number, at=_at(9)))
    assert modality.set(uid, pps_final("COMPLETED", _at(9, 50))).Status == Status.SUCCESS
    procedure = Procedure.objects.get(request=ready_request)
    assert timezone.localtime(procedure.end_at) == _at(9, 50)
    assert not procedure.is_signed
    pps = PerformedStep.objects.get(sop_instance_uid=uid)
    assert (pps.status, pps.series_count, pps.image_count) == ("COMPLETED", 1, 1)
    assert pps.matched_by == MatchedBy.ACCESSION
    assert find(modality.port, worklist_query())[1] == []  # type: ignore[attr-defined]


def test_discontinued_keeps_its_reason(
    modality: Modality, ready_request: Request, gates_passed: None
) -> None:
    uid = generate_uid()
    modality.create(
        uid, pps_in_progress(study_uid=_step(ready_request).study_instance_uid, at=_at(9))
    )
    modality.set(uid, pps_final("DISCONTINUED", _at(9, 20), reason="Patient condition"))
    pps = PerformedStep.objects.get(sop_instance_uid=uid)
    assert pps.discontinuation_reason == "Patient condition"
    assert pps.matched_by == MatchedBy.STUDY_UID
    assert _step(ready_request).status == "DISCONTINUED"


def test_a_typed_time_is_never_overwritten(
    modality: Modality, ready_request: Request, gates_passed: None, persona
) -> None:
    uid = generate_uid()
    modality.create(uid, pps_in_progress(sps_id=_step(ready_request).sps_id, at=_at(9)))
    procedure = Procedure.objects.get(request=ready_request)
    services.update_procedure(
        procedure, by=persona("attending"), version=None, fields={"end_at": _at(9, 40)}
    )
    modality.set(uid, pps_final("COMPLETED", _at(9, 55)))
    procedure.refresh_from_db()
    assert timezone.localtime(procedure.end_at) == _at(9, 40)


def test_a_blocked_start_is_a_failure_with_its_reason_shown_to_the_team(
    modality: Modality, ready_request: Request
) -> None:
    uid = generate_uid()
    status = modality.create(uid, pps_in_progress(sps_id=_step(ready_request).sps_id, at=_at(9)))
    assert status.Status == Status.PROCESSING_FAILURE
    assert "consent is not signed" in status.ErrorComment
    pps = PerformedStep.objects.get(sop_instance_uid=uid)
    assert not pps.accepted and "consent is not signed" in pps.start_problem
    ready_request.refresh_from_db()
    assert ready_request.status == RequestStatus.READY


def test_a_step_for_an_unscheduled_patient_is_kept_unmatched(modality: Modality) -> None:
    uid = generate_uid()
    status = modality.create(uid, pps_in_progress(accession="UNKNOWN1", at=_at(3)))
    assert status.Status == Status.SUCCESS
    pps = PerformedStep.objects.get(sop_instance_uid=uid)
    assert pps.matched_by == MatchedBy.NONE and pps.procedure is None
    assert pps.patient_id == "SBH0000001"


@pytest.mark.parametrize("step", ["create twice", "set unknown", "set after completed"])
def test_the_statuses_a_modality_relies_on(modality: Modality, step: str) -> None:
    uid = generate_uid()
    assert modality.create(uid, pps_in_progress(at=_at(3))).Status == Status.SUCCESS
    if step == "create twice":
        got = modality.create(uid, pps_in_progress(at=_at(3)))
        assert got.Status == Status.DUPLICATE_SOP_INSTANCE
    elif step == "set unknown":
        got = modality.set(generate_uid(), pps_final("COMPLETED", _at(4)))
        assert got.Status == Status.NO_SUCH_SOP_INSTANCE
    else:
        modality.set(uid, pps_final("COMPLETED", _at(4)))
        got = modality.set(uid, pps_final("DISCONTINUED", _at(5)))
        assert got.Status == Status.PROCESSING_FAILURE
    assert got.ErrorComment


def test_an_unknown_status_is_refused_and_the_server_serves_the_next(modality: Modality) -> None:
    ds = pps_in_progress(at=_at(3))
    ds.PerformedProcedureStepStatus = "HALF DONE"
    got = modality.create(generate_uid(), ds)
    assert got.Status == Status.INVALID_ATTRIBUTE_VALUE and "unknown" in got.ErrorComment
    assert modality.create(generate_uid(), pps_in_progress(at=_at(3))).Status == Status.SUCCESS


def test_a_grouped_step_updates_each_scheduled_step(
    modality: Modality, ready_request: Request, gates_passed: None, persona, patient, site
) -> None:
    other = another_vetted_request(persona, patient, site)
    # Booked four hours after the first (at 09:00), whatever the time of day the test runs.
    later = timezone.now().replace(hour=13, minute=0, second=0, microsecond=0)
    services.schedule_request(other, room=ready_request.room, start=later, by=persona("scheduler"))
    services.transition(
        other, RequestStatus.READY, by=persona("attending"), reason="not under test"
    )
    ds = pps_in_progress(sps_id=_step(ready_request).sps_id, at=_at(9))
    second = copy.deepcopy(ds.ScheduledStepAttributesSequence[0])
    second.ScheduledProcedureStepID = _step(other).sps_id
    ds.ScheduledStepAttributesSequence.append(second)
    uid = generate_uid()
    assert modality.create(uid, ds).Status == Status.SUCCESS
    modality.set(uid, pps_final("COMPLETED", _at(9, 45)))
    for request in (ready_request, other):
        assert _step(request).status == "COMPLETED"
        assert Procedure.objects.get(request=request).end_at is not None
