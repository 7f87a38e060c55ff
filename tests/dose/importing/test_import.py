"""Importing dose reports: one study per Study Instance UID, duplicates change nothing."""

from __future__ import annotations

import itertools
import math
from io import BytesIO

import pydicom
import pytest
from django.db import IntegrityError
from django.utils import timezone
from dose_samples import EXPECTED, altered, sample

from irsuite.audit.models import AuditEvent
from irsuite.dose.importing import services
from irsuite.dose.importing.models import QuarantinedFile, QuarantineStatus
from irsuite.dose.importing.rows import EVENT_FIELDS
from irsuite.dose.importing.services import ImportStatus, discard, import_rdsr, parse, reprocess
from irsuite.dose.studies.models import DevicePlane, DoseReportObject, DoseStudy, IrradiationEvent

pytestmark = pytest.mark.django_db

TOTALS = ["kap_gycm2", "ka_r_mgy", "fluoro_time_s", "acquisition_time_s", "dlp_mgycm"]
MULTI = [f"CT-RDSR-Siemens-Multi-{n}.dcm" for n in (1, 2, 3)]


def _import(name: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return import_rdsr(sample(name), filename=name, source="test", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sample_is_stored_with_its_expected_totals(name: str) -> None:
    outcome = _import(name)
    assert outcome.status is ImportStatus.IMPORTED
    expected = EXPECTED[name]
    study = DoseStudy.objects.get(study_instance_uid=outcome.study_instance_uid)
    assert (
        study.event_count
        == expected["events"]
        == IrradiationEvent.objects.filter(study=study).count()
    )
    for key in TOTALS:
        if key in expected:
            assert math.isclose(getattr(study, key), expected[key], rel_tol=1e-6), key
            assert math.isclose(outcome.as_json()[key], expected[key], rel_tol=1e-6), key


@pytest.mark.parametrize("order", list(itertools.permutations(MULTI)))
def test_cumulative_ct_reports_in_any_order_leave_one_study_with_three_events(
    order: tuple[str, ...],
) -> None:
    for name in order + order:
        _import(name)
    study = DoseStudy.objects.get()
    assert study.event_count == 3 == study.events.count()
    assert study.dlp_mgycm == pytest.approx(236.09, rel=1e-6)
    assert DoseReportObject.objects.count() == 3


def test_a_superset_report_updates_the_study_and_adds_its_new_events() -> None:
    assert _import(MULTI[0]).status is ImportStatus.IMPORTED
    outcome = _import(MULTI[1])
    assert outcome.status is ImportStatus.UPDATED
    assert (outcome.events, outcome.dlp_mgycm) == (2, pytest.approx(77.27))


def test_the_same_report_twice_is_a_duplicate_and_changes_nothing() -> None:
    _import("RF-RDSR-Philips_Allura.dcm")
    study = DoseStudy.objects.get()
    audit_before = AuditEvent.objects.count()
    rows_before = (IrradiationEvent.objects.count(), DevicePlane.objects.count())
    outcome = _import("RF-RDSR-Philips_Allura.dcm")
    assert outcome.status is ImportStatus.DUPLICATE
    assert AuditEvent.objects.count() == audit_before
    assert (IrradiationEvent.objects.count(), DevicePlane.objects.count()) == rows_before
    assert DoseStudy.objects.get().updated_at == study.updated_at


@pytest.mark.parametrize("name", ["RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm", MULTI[2]])
def test_every_event_is_stored_with_every_value_the_report_gives(name: str) -> None:
    report = parse(sample(name))
    assert not isinstance(report, Exception)
    _import(name)
    stored = {row.uid: row for row in IrradiationEvent.objects.all()}
    assert len(stored) == len(report.events)
    for event in report.events:
        row = stored[event.uid]
        assert row.event_type == event.event_type.value
        assert row.plane == (event.plane.value if event.plane else "")
        assert (row.protocol, row.target_region) == (event.protocol, event.target_region)
        assert row.phantom == (event.phantom.value if event.phantom else "")
        for field in EVENT_FIELDS:
            assert getattr(row, field) == pytest.approx(getattr(event, field)), field
        started = event.started and timezone.make_aware(event.started)
        assert row.started_at == started


def test_a_file_that_is_not_a_dose_report_is_quarantined_with_its_reason() -> None:
    outcome = import_rdsr(b"not dicom at all", filename="notes.txt", source="test")
    assert outcome.status is ImportStatus.QUARANTINED
    held = QuarantinedFile.objects.get()
    assert held.kind == "not_dicom"
    assert "not a DICOM object" in held.reason == outcome.reason
    assert bytes(held.content) == b"not dicom at all"
    assert DoseStudy.objects.count() == 0


def test_a_quarantined_file_can_be_reprocessed_once_it_can_be_read(persona) -> None:  # type: ignore[no-untyped-def]
    data = sample("Dual-RDSR-RF.dcm")
    held = QuarantinedFile.objects.create(
        filename="dual.dcm",
        source="test",
        content=data,
        sha256="x",
        kind="unknown_unit",
        reason="old reader",
    )
    outcome = reprocess(held, by=persona("admin"))
    assert outcome.status is ImportStatus.IMPORTED
    held.refresh_from_db()
    assert held.status == QuarantineStatus.REPROCESSED
    assert DoseStudy.objects.get().event_count == 4


def test_reprocessing_a_file_still_unreadable_keeps_it_with_the_new_reason(persona) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(b"garbage", filename="g.bin", source="test")
    held = QuarantinedFile.objects.get()
    outcome = reprocess(held, by=persona("admin"))
    assert outcome.status is ImportStatus.QUARANTINED
    held.refresh_from_db()
    assert held.status == QuarantineStatus.OPEN
    discard(held, by=persona("admin"))
    held.refresh_from_db()
    assert held.status == QuarantineStatus.DISCARDED


def test_a_negative_dose_is_quarantined_not_stored() -> None:
    data = altered("RF-RDSR-Siemens-Zee.dcm", dose_rp_gy=-0.5)
    outcome = import_rdsr(data, filename="neg.dcm", source="test")
    assert outcome.status is ImportStatus.QUARANTINED
    assert QuarantinedFile.objects.get().kind == "negative_value"


def test_a_report_whose_events_share_one_uid_is_quarantined_not_a_crash() -> None:
    dataset = pydicom.dcmread(BytesIO(sample("RF-RDSR-Siemens-Zee.dcm")))
    uids = [item for item in _content_items(dataset) if _concept(item) == "113769"]
    uids[1].UID = uids[0].UID
    buffer = BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    outcome = import_rdsr(buffer.getvalue(), filename="twice.dcm", source="test")
    assert outcome.status is ImportStatus.QUARANTINED
    assert QuarantinedFile.objects.get().kind == "repeated_identifier"
    assert (DoseStudy.objects.count(), IrradiationEvent.objects.count()) == (0, 0)


def _content_items(dataset: pydicom.Dataset) -> list[pydicom.Dataset]:
    items = []
    for item in dataset.get("ContentSequence") or ():
        items.extend([item, *_content_items(item)])
    return items


def _concept(item: pydicom.Dataset) -> str:
    names = item.get("ConceptNameCodeSequence")
    return str(names[0].CodeValue) if names else ""


def test_a_report_that_loses_a_race_for_its_study_is_stored_on_the_second_attempt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = services.store_report
    calls = []

    def racing(*args: object, **kwargs: object) -> ImportStatus:
        calls.append(1)
        if len(calls) == 1:  # another connection inserted the study first
            raise IntegrityError("UNIQUE constraint failed: dose_dosestudy.study_instance_uid")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "store_report", racing)
    outcome = import_rdsr(sample(MULTI[1]), filename="m2", source="test")
    assert len(calls) == 2
    assert outcome.status is ImportStatus.IMPORTED
    assert DoseStudy.objects.get().event_count == 2
