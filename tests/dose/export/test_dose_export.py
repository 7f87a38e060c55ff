"""Dose exports: CSV and XLSX hold every study, and exporting many studies takes no more memory
than exporting a few."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import tracemalloc
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.dose.studies.models import Device, DoseStudy, ReportKind

pytestmark = pytest.mark.django_db


def _studies(count: int, start: int = 0) -> None:
    device, _ = Device.objects.get_or_create(manufacturer="Synthetic", model_name="Angio")
    today = timezone.localdate()
    DoseStudy.objects.bulk_create(
        [
            DoseStudy(
                study_instance_uid=f"2.25.9{start + i:08d}",
                kind=ReportKind.PROJECTION_XRAY,
                accession_number=f"IR{start + i:010d}",
                study_date=today - dt.timedelta(days=i % 300),
                device=device,
                event_count=12,
                kap_gycm2=40.0 + i % 97,
                ka_r_mgy=300.0 + i % 89,
                fluoro_time_s=600.0,
            )
            for i in range(count)
        ],
        batch_size=1000,
    )


def _sheet(content: bytes) -> str:
    with zipfile.ZipFile(BytesIO(content)) as book:
        return book.read("xl/worksheets/sheet1.xml").decode()


def test_the_xlsx_export_holds_a_row_for_every_study_and_is_audited(client_as) -> None:  # type: ignore[no-untyped-def]
    _studies(250)
    response = client_as("physicist").get(reverse("dose:export", args=["xlsx"]))
    assert response.status_code == 200 and response.streaming
    assert "attachment" in response["Content-Disposition"]
    sheet = _sheet(b"".join(response.streaming_content))
    rows = re.findall(r"<row ", sheet)
    assert len(rows) == 251  # the header and one row per study
    assert "study_instance_uid" in sheet and "2.25.900000249" in sheet
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, summary__startswith="dose export xlsx"
    ).exists()


def test_the_xlsx_export_leaves_no_file_behind(client_as) -> None:  # type: ignore[no-untyped-def]
    _studies(20)
    before = set(Path(tempfile.gettempdir()).glob("irsuite-dose-*"))
    response = client_as("physicist").get(reverse("dose:export", args=["xlsx"]))
    assert set(Path(tempfile.gettempdir()).glob("irsuite-dose-*")) - before  # served from disk
    b"".join(response.streaming_content)  # the test client closes the response once read
    assert set(Path(tempfile.gettempdir()).glob("irsuite-dose-*")) == before


def _peak_export_bytes(client, fmt: str) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        response = client.get(reverse("dose:export", args=[fmt]))
        # Reading to the end closes the response (the test client does it without closing
        # the database connection, as calling close() by hand would).
        size = sum(len(chunk) for chunk in response.streaming_content)
        assert size > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exporting_ten_times_more_studies_takes_no_more_memory(client_as, fmt: str) -> None:  # type: ignore[no-untyped-def]
    client = client_as("physicist")
    _studies(600)
    _peak_export_bytes(client, fmt)  # warm up imports and caches
    few = _peak_export_bytes(client, fmt)
    _studies(5400, start=600)
    many = _peak_export_bytes(client, fmt)
    # A workbook held in memory grows by several MB for 5,400 more studies; a streamed one by
    # nothing: past the first chunk of rows
    # fetched from the database, memory stays flat.
    assert many - few < 400_000, (few, many)


def test_exports_stream_csv_and_write_xlsx(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    client = client_as("physicist")
    response = client.get(reverse("dose:export", args=["csv"]))
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].startswith("study_instance_uid,kind,study_date")
    assert linked_hot_study.study_instance_uid in text
    response = client.get(reverse("dose:export", args=["xlsx"]))
    assert response.status_code == 200
    assert (
        "xl/worksheets/sheet1.xml"
        in zipfile.ZipFile(BytesIO(b"".join(response.streaming_content))).namelist()
    )
