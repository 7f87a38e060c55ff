"""Linking by accession number checks the patient and the date; a caller's AE title never
moves a device to another room."""

from __future__ import annotations

import datetime as dt

import pytest
from dose_samples import altered

from irsuite.audit.models import AuditEvent
from irsuite.cases.models import Procedure
from irsuite.dose.importing.rows import room_of_device
from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import Device, DoseStudy, LinkMethod
from irsuite.people.models import Room, Site, SuiteType

pytestmark = pytest.mark.django_db

FLUORO = "RF-RDSR-Siemens-Zee.dcm"
MRN = "SBH0000001"  # the `patient` fixture's MRN at the request's site


def _import(procedure: Procedure, *, patient_id: str, day: dt.date) -> DoseStudy:
    data = altered(
        FLUORO,
        AccessionNumber=procedure.request.accession_number,
        PatientID=patient_id,
        StudyDate=day.strftime("%Y%m%d"),
    )
    import_rdsr(data, filename="a.dcm", source="test")
    return DoseStudy.objects.get()


def test_a_forged_report_with_a_real_accession_but_another_patient_is_not_linked(
    open_procedure: Procedure,
) -> None:
    study = _import(open_procedure, patient_id="SBH0009999", day=open_procedure.day)
    assert study.procedure is None and study.patient is None
    assert study.link_method == LinkMethod.NONE


def test_a_report_with_the_accession_patient_and_day_of_its_procedure_is_linked(
    open_procedure: Procedure,
) -> None:
    study = _import(open_procedure, patient_id=MRN, day=open_procedure.day)
    assert study.procedure == open_procedure
    assert study.link_method == LinkMethod.ACCESSION


def test_a_report_a_day_off_the_procedure_still_links(open_procedure: Procedure) -> None:
    day = open_procedure.day + dt.timedelta(days=1)
    assert _import(open_procedure, patient_id=MRN, day=day).procedure == open_procedure


def test_a_report_dated_days_away_from_the_procedure_is_not_linked(
    open_procedure: Procedure,
) -> None:
    study = _import(open_procedure, patient_id=MRN, day=open_procedure.day - dt.timedelta(days=3))
    assert study.procedure is None and study.link_method == LinkMethod.NONE


@pytest.fixture
def other_room(site: Site) -> Room:
    return Room.objects.create(
        site=site, code="angio2", name="Angio 2", suite_type=SuiteType.ANGIO_SINGLE_PLANE,
        ae_title="SBH_ANGIO2",
    )  # fmt: skip


def test_a_callers_ae_title_never_moves_a_bound_device_to_another_room(
    room: Room, other_room: Room
) -> None:
    device = Device.objects.create(manufacturer="Siemens", serial_number="1234", room=room)
    assert room_of_device(device, other_room) == room
    device.refresh_from_db()
    assert device.room == room
    event = AuditEvent.objects.get(object_type="dose.device")
    assert event.channel == "dicom" and event.object_id == str(device.pk)


def test_an_unbound_device_is_bound_to_its_callers_room(room: Room) -> None:
    device = Device.objects.create(manufacturer="Siemens", serial_number="1234")
    assert room_of_device(device, room) == room
    device.refresh_from_db()
    assert device.room == room
    assert not AuditEvent.objects.filter(object_type="dose.device").exists()


def test_a_report_from_another_rooms_ae_title_stays_in_its_devices_room(
    room: Room, other_room: Room
) -> None:
    data = altered(FLUORO, AccessionNumber="")
    import_rdsr(data, filename="a.dcm", source="listener", ae_title=room.ae_title)
    again = altered(FLUORO, new_uids=True, AccessionNumber="")
    import_rdsr(again, filename="b.dcm", source="listener", ae_title=other_room.ae_title)
    assert {s.room for s in DoseStudy.objects.all()} == {room}
    assert Device.objects.get().room == room
    assert AuditEvent.objects.filter(object_type="dose.device", channel="dicom").count() == 1
