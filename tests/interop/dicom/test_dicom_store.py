"""The dose C-STORE SCP on a free loopback port, driven by a pynetdicom SCU."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

import pydicom
import pytest
from dicom_samples import SAMPLES, altered
from pynetdicom import AE

from irsuite.dose.importing.models import QuarantinedFile
from irsuite.dose.studies.models import DoseStudy
from irsuite.interop.dicom.listener import VERIFICATION_SOP_CLASS, start
from irsuite.interop.dicom.store import DOSE_SR_SOP_CLASSES, StoreStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listener(room) -> Iterator[int]:
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


def _send(port: int, dataset: pydicom.Dataset, calling: str = "SBH_ANGIO1") -> int:
    scu = AE(ae_title=calling)
    for uid in DOSE_SR_SOP_CLASSES:
        scu.add_requested_context(uid)
    scu.add_requested_context(VERIFICATION_SOP_CLASS)
    assoc = scu.associate("127.0.0.1", port, ae_title="IRSUITE")
    assert assoc.is_established
    try:
        assert assoc.send_c_echo().Status == 0
        status = assoc.send_c_store(dataset)
        return int(status.Status)
    finally:
        assoc.release()


def test_a_report_sent_over_dicom_is_committed_before_success(listener: int) -> None:
    dataset = pydicom.dcmread(SAMPLES / "RF-RDSR-Philips_Allura.dcm")
    assert _send(listener, dataset) == StoreStatus.SUCCESS
    study = DoseStudy.objects.get()
    assert study.event_count == 3
    assert study.device.ae_title == "SBH_ANGIO1"
    assert _send(listener, dataset) == StoreStatus.SUCCESS  # duplicate: accepted, no change
    assert DoseStudy.objects.count() == 1


def test_a_report_it_cannot_take_gets_a_failure_and_the_listener_keeps_running(
    listener: int,
) -> None:
    bad = pydicom.dcmread(BytesIO(altered("RF-RDSR-Siemens-Zee.dcm", dose_rp_gy=-1)))
    assert _send(listener, bad) == StoreStatus.CANNOT_UNDERSTAND
    assert QuarantinedFile.objects.get().kind == "negative_value"
    good = pydicom.dcmread(SAMPLES / "CT-RDSR-Siemens-Multi-1.dcm")
    assert _send(listener, good) == StoreStatus.SUCCESS
    assert DoseStudy.objects.get().dlp_mgycm == pytest.approx(7.46)
