"""Dose exports are inert: text a spreadsheet would run as a formula is kept as text."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.dose.studies.models import Device, DoseStudy, ReportKind

pytestmark = pytest.mark.django_db

TRIGGERS = ["=1+1", "+SUM(A1)", "@x", "-2"]


def _studies() -> None:
    device = Device.objects.create(manufacturer="Synthetic", model_name="=HYPERLINK(1)")
    for i, text in enumerate(TRIGGERS):
        DoseStudy.objects.create(
            study_instance_uid=f"2.25.77{i}",
            kind=ReportKind.PROJECTION_XRAY,
            accession_number=text,
            study_date=timezone.localdate(),
            device=device,
            event_count=3,
            kap_gycm2=-2.5,  # a number, even a negative one, stays a number
        )


def test_the_csv_export_writes_formula_text_as_inert_text(client_as) -> None:  # type: ignore[no-untyped-def]
    _studies()
    response = client_as("physicist").get(reverse("dose:export", args=["csv"]))
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sorted(r["accession_number"] for r in rows) == sorted("'" + t for t in TRIGGERS)
    assert {r["device"] for r in rows} == {"'=HYPERLINK(1)"}
    assert {r["kap_gycm2"] for r in rows} == {"-2.5"}


def _cells(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r"<c [^>]*>.*?</c>", sheet)


def test_the_xlsx_export_writes_formula_text_as_strings_and_numbers_as_numbers(client_as) -> None:  # type: ignore[no-untyped-def]
    _studies()
    response = client_as("physicist").get(reverse("dose:export", args=["xlsx"]))
    cells = _cells(b"".join(response.streaming_content))
    assert not [c for c in cells if "<f>" in c]
    for text in [*TRIGGERS, "=HYPERLINK(1)"]:
        holding = [c for c in cells if unescape(re.sub(r"<[^>]+>", "", c)) == text]
        assert holding and all('t="inlineStr"' in c or 't="s"' in c for c in holding), text
    numbers = [c for c in cells if re.sub(r"<[^>]+>", "", c) == "-2.5"]
    assert len(numbers) == len(TRIGGERS) and all(" t=" not in c for c in numbers)
