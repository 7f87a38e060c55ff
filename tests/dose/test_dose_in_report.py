"""The structured report's radiation dose section comes from the procedure's dose studies."""

from __future__ import annotations

import pytest
from dose_samples import altered

from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.report_section import dose_for_report
from irsuite.safety.report.services import case_record

pytestmark = pytest.mark.django_db


def test_a_procedure_without_a_dose_report_has_no_dose_section(open_procedure) -> None:  # type: ignore[no-untyped-def]
    assert dose_for_report(open_procedure) is None


def test_the_linked_study_gives_the_report_its_dose_figures(open_procedure) -> None:  # type: ignore[no-untyped-def]
    data = altered(
        "RF-RDSR-Siemens-Zee.dcm",
        AccessionNumber=open_procedure.request.accession_number,
        PatientID="SBH0000001",
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
    )
    import_rdsr(data, filename="zee.dcm", source="test")
    dose = dose_for_report(open_procedure)
    assert dose is not None
    assert dose["ka_r_mgy"] == pytest.approx(2.52)
    assert dose["kap_gycm2"] == pytest.approx(0.16)
    assert dose["fluoro_time_s"] == pytest.approx(28.0)
    assert dose["alerts"] == []
    assert case_record(open_procedure)["dose"]["ka_r_mgy"] == pytest.approx(2.52)
