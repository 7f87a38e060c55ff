"""The dose listener keeps in quarantine every received report it answers with a failure."""

from __future__ import annotations

from collections.abc import Iterator

import pydicom
import pytest
from dicom_samples import SAMPLES
from pynetdicom import AE

from irsuite.dose.importing import services
from irsuite.dose.importing.models import QuarantinedFile
from irsuite.dose.studies.models import DoseStudy
from irsuite.interop.dicom import store as listener_module
from irsuite.interop.dicom.listener import start
from irsuite.interop.dicom.store import DOSE_SR_SOP_CLASSES, StoreStatus

pytestmark = pytest.mark.django_db(transaction=True)

CALLING = "SBH_ANGIO1"


@pytest.fixture
def port(settings) -> Iterator[int]:  # type: ignore[no-untyped-def]
    settings.DICOM_PEERS = [CALLING]
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


def _store(port: int, dataset: pydicom.Dataset) -> int:
    scu = AE(ae_title=CALLING)
    for uid in DOSE_SR_SOP_CLASSES:
        scu.add_requested_context(uid)
    assoc = scu.associate("127.0.0.1", port, ae_title="IRSUITE")
    assert assoc.is_established
    try:
        return int(assoc.send_c_store(dataset).Status)
    finally:
        assoc.release()


def _fail(*args: object, **kwargs: object) -> object:
    raise RuntimeError("a fault in irsuite")


def _held(dataset: pydicom.Dataset) -> QuarantinedFile:
    held = QuarantinedFile.objects.get()
    assert (held.kind, held.source, held.ae_title) == ("internal_error", "listener", CALLING)
    assert held.filename == f"{CALLING}/{dataset.SOPInstanceUID}"
    assert pydicom.dcmread(pydicom.filebase.DicomBytesIO(bytes(held.content)), force=True)
    return held


def test_a_report_that_trips_the_reader_is_quarantined_before_the_failure(
    port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "read_report", _fail)
    dataset = pydicom.dcmread(SAMPLES / "RF-RDSR-Philips_Allura.dcm")
    assert _store(port, dataset) == StoreStatus.CANNOT_UNDERSTAND
    assert "RuntimeError" in _held(dataset).reason
    assert DoseStudy.objects.count() == 0


def test_a_report_that_cannot_be_stored_is_quarantined_before_the_failure(
    port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listener_module, "import_rdsr", _fail)
    dataset = pydicom.dcmread(SAMPLES / "CT-RDSR-Siemens-Multi-1.dcm")
    assert _store(port, dataset) == StoreStatus.OUT_OF_RESOURCES
    _held(dataset)
    assert DoseStudy.objects.count() == 0
