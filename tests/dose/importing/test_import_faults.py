"""A fault in the reader never stops a batch: the file that trips it is quarantined."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from dose_samples import SAMPLES, sample

from irsuite.domain.rdsr import read_report
from irsuite.dose.importing import services
from irsuite.dose.importing.batch import import_batch
from irsuite.dose.importing.models import QuarantinedFile
from irsuite.dose.importing.services import ImportStatus, reprocess
from irsuite.dose.studies.models import DoseStudy

pytestmark = pytest.mark.django_db

NAMES = ["RF-RDSR-Philips_Allura.dcm", "RF-RDSR-Siemens-Zee.dcm", "CT-RDSR-Siemens-Multi-1.dcm"]
TRIPS = sample(NAMES[1])


def _trip_on_the_second_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def reader(data: bytes, *args: object, **kwargs: object) -> object:
        if data == TRIPS:
            raise RuntimeError("the reader failed on PATIENT^SECRET")
        return read_report(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "read_report", reader)


def test_a_reader_fault_on_one_file_does_not_stop_the_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _trip_on_the_second_file(monkeypatch)
    files = [tmp_path / name for name in NAMES]
    for path in files:
        path.write_bytes((SAMPLES / path.name).read_bytes())
    with caplog.at_level(logging.ERROR, logger=services.log.name):
        outcomes = list(import_batch(files))
    assert [o.file for o in outcomes] == [str(path) for path in files]
    assert [o.status for o in outcomes] == [
        ImportStatus.IMPORTED, ImportStatus.QUARANTINED, ImportStatus.IMPORTED,
    ]  # fmt: skip
    assert DoseStudy.objects.count() == 2
    held = QuarantinedFile.objects.get()
    assert (held.kind, held.filename, bytes(held.content)) == (
        "internal_error",
        str(files[1]),
        TRIPS,
    )
    assert "RuntimeError" in held.reason and "SECRET" not in held.reason
    line = caplog.records[0].getMessage()
    assert str(files[1]) in line and "RuntimeError" in line and "SECRET" not in line


def test_a_reader_fault_while_reprocessing_keeps_the_file_in_quarantine(
    monkeypatch: pytest.MonkeyPatch, persona
) -> None:  # type: ignore[no-untyped-def]
    held = QuarantinedFile.objects.create(
        filename="zee.dcm", source="test", content=TRIPS, sha256="x", kind="unknown_unit",
        reason="old reader",
    )  # fmt: skip
    _trip_on_the_second_file(monkeypatch)
    assert reprocess(held, by=persona("admin")).status is ImportStatus.QUARANTINED
    held.refresh_from_db()
    assert (held.kind, held.status) == ("internal_error", "open")
