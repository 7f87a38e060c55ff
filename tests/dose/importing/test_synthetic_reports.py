"""Synthetic dose reports (for the demo and the benchmarks) read back with their totals."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from irsuite.domain.rdsr import ReportKind, Walker, read_report
from irsuite.dose.importing.synthetic import Header, ct_report, projection_report, random_exposures
from irsuite.dose.reference import plausibility

HEADER = Header(
    study_uid="2.25.42",
    accession="IR0000000001",
    patient_id="SBH0000001",
    when=dt.datetime(2026, 3, 4, 10, 30),
    station="SBH_ANGIO1",
)


def test_a_synthetic_projection_report_reads_back_with_its_totals() -> None:
    exposures = random_exposures(random.Random(1), HEADER.when, 80.0, 9)
    data = projection_report(HEADER, exposures)
    for walker in (Walker.LEAN, Walker.PYDICOM):
        report = read_report(data, plausibility(), walker)
        assert report.kind is ReportKind.PROJECTION_XRAY
        assert len(report.events) == 9
        assert report.kap_gycm2 == pytest.approx(80.0, rel=1e-5)
        assert report.ka_r_mgy == pytest.approx(sum(e.ka_r_mgy for e in exposures), rel=1e-5)
        assert report.study.accession_number == "IR0000000001"


def test_a_synthetic_ct_report_reads_back_with_its_dlp() -> None:
    scans = [(HEADER.when, 8.0, 120.0, 150.0), (HEADER.when, 6.5, 80.5, 100.0)]
    report = read_report(ct_report(HEADER, scans), plausibility())
    assert report.kind is ReportKind.CT
    assert report.dlp_mgycm == pytest.approx(200.5)
    assert [e.ctdivol_mgy for e in report.events] == [pytest.approx(8.0), pytest.approx(6.5)]
