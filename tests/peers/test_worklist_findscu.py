"""Peer test: dcmtk's `findscu -W` queries irsuite's worklist with key files and `-k`
overrides; its answers are compared field by field with what irsuite scheduled."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pydicom
import pytest
from django.utils import timezone

from irsuite.cases.models import Request
from irsuite.cases.requests import services
from irsuite.interop.dicom.listener import start
from irsuite.interop.dicom.models import ScheduledStep
from irsuite.patients.services import update_demographics

FINDSCU = shutil.which("findscu")
DUMP2DCM = shutil.which("dump2dcm")

pytestmark = [
    pytest.mark.peer,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        FINDSCU is None or DUMP2DCM is None,
        reason="dcmtk's findscu and dump2dcm are not installed (apt-get install dcmtk)",
    ),
]

# A console's worklist query as a dcmtk dump (the keys a modality typically sends).
KEYS = """
(0008,0005) CS [{charset}]
(0008,0050) SH []
(0010,0010) PN []
(0010,0020) LO []
(0010,0021) LO []
(0010,0030) DA []
(0010,0040) CS []
(0010,2110) LO []
(0020,000d) UI []
(0032,1060) LO []
(0040,1001) SH []
(0040,0100) SQ (Sequence with explicit length #=1)
  (fffe,e000) na (Item with explicit length #=7)
    (0008,0060) CS []
    (0040,0001) AE []
    (0040,0002) DA [{date}]
    (0040,0003) TM []
    (0040,0007) LO []
    (0040,0009) SH []
    (0040,0010) SH []
  (fffe,e00d) na (ItemDelimitationItem for re-encoding)
(fffe,e0dd) na (SequenceDelimitationItem for re-encoding)
"""


@pytest.fixture
def port(room) -> Iterator[int]:
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


def _keyfile(folder: Path, charset: str = "ISO_IR 100", date: str = "") -> Path:
    dump, keys = folder / "query.dump", folder / "query.wl"
    dump.write_text(KEYS.format(charset=charset, date=date), encoding="latin-1")
    subprocess.run([DUMP2DCM, "-F", str(dump), str(keys)], check=True, capture_output=True)
    return keys


def _findscu(port: int, keys: Path, folder: Path, *overrides: str) -> list[pydicom.Dataset]:
    out = folder / "answers"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    args = [FINDSCU, "-W", "-aet", "SBH_ANGIO1", "-aec", "IRSUITE", "-X", "-od", str(out)]
    for key in overrides:
        args += ["-k", key]
    result = subprocess.run(
        [*args, "127.0.0.1", str(port), str(keys)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("latin-1")
    return [pydicom.dcmread(f) for f in sorted(out.glob("rsp*.dcm"))]


def test_findscu_gets_todays_item_field_by_field(
    port: int, scheduled_request: Request, tmp_path: Path
) -> None:
    today = timezone.localdate().strftime("%Y%m%d")
    [answer] = _findscu(port, _keyfile(tmp_path, date=today), tmp_path)
    step = ScheduledStep.objects.get(request=scheduled_request)
    sps = answer.ScheduledProcedureStepSequence[0]
    assert answer.AccessionNumber == step.accession_number
    assert str(answer.PatientName) == step.patient_name
    assert answer.PatientID == step.patient_id
    assert answer.IssuerOfPatientID == step.issuer_of_patient_id
    assert answer.PatientBirthDate == step.birth_date.strftime("%Y%m%d")
    assert answer.PatientSex == step.sex
    assert answer.StudyInstanceUID == step.study_instance_uid
    assert answer.RequestedProcedureID == step.requested_procedure_id
    assert answer.RequestedProcedureDescription == step.description
    assert sps.ScheduledStationAETitle == step.station_ae_title
    assert sps.ScheduledStationName == step.station_name
    assert sps.ScheduledProcedureStepStartDate == today
    assert sps.ScheduledProcedureStepStartTime == step.start_time.strftime("%H%M%S")
    assert sps.Modality == step.modality
    assert sps.ScheduledProcedureStepID == step.sps_id


def test_k_overrides_narrow_the_query(
    port: int, scheduled_request: Request, tmp_path: Path
) -> None:
    keys = _keyfile(tmp_path)
    assert len(_findscu(port, keys, tmp_path, "(0040,0100)[0].Modality=XA")) == 1
    assert _findscu(port, keys, tmp_path, "(0040,0100)[0].Modality=CT") == []
    assert len(_findscu(port, keys, tmp_path, "PatientName=EXAM*")) == 1
    assert (
        _findscu(port, keys, tmp_path, "(0040,0100)[0].ScheduledProcedureStepStartDate=-20000101")
        == []
    )


@pytest.mark.parametrize("charset", ["ISO_IR 100", "ISO_IR 192"])
def test_an_accented_name_comes_back_intact(
    port: int, scheduled_request: Request, tmp_path: Path, charset: str
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
    [answer] = _findscu(port, _keyfile(tmp_path, charset=charset), tmp_path)
    assert answer.SpecificCharacterSet == charset
    assert str(answer.PatientName) == "Müller^Zoë"


def test_a_patient_renamed_after_booking_comes_back_renamed(
    port: int, scheduled_request: Request, tmp_path: Path
) -> None:
    update_demographics(
        scheduled_request.patient,
        by=None,
        changes={"family_name": "Müller", "given_name": "Zoë"},
        channel="hl7",
    )
    [answer] = _findscu(port, _keyfile(tmp_path, charset="ISO_IR 192"), tmp_path)
    assert str(answer.PatientName) == "Müller^Zoë"
