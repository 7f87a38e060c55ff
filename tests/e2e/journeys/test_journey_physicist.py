"""The medical physicist's day in a real browser: from the dose pages to an alert over the
substantial-radiation level, its study and procedure, and the letter to the patient."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from journey_steps import DESKTOP, log_in, open_menu, shot, visible_text

from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


def dose_samples() -> ModuleType:
    """The dose tests' sample RDSR files and their alterations (tests/dose/dose_samples.py)."""
    path = Path(__file__).resolve().parents[2] / "dose" / "dose_samples.py"
    spec = importlib.util.spec_from_file_location("journey_dose_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def hot_study(open_procedure) -> DoseStudy:  # type: ignore[no-untyped-def]
    """A fluoroscopy study linked to the procedure, its Ka,r at 6 Gy (over the 5 Gy level)."""
    data = dose_samples().altered(
        FLUORO,
        PatientID="SBH0000001",
        AccessionNumber=open_procedure.request.accession_number,
        dose_rp_gy=6,
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
    )
    import_rdsr(data, filename="hot.dcm", source="test")
    return DoseStudy.objects.get()


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_physicist_follows_an_alert_to_its_study_and_the_patient_letter(
    browser_page, live_server, hot_study, persona
):
    page = browser_page
    persona("physicist")
    log_in(page, live_server, "physicist")
    open_menu(page, "Dose", "Dose")
    page.get_by_role("link", name=re.compile(r"Alerts \(1 open\)")).wait_for()
    shot(page, "physicist-studies")

    page.get_by_role("link", name=re.compile(r"Alerts \(")).click()
    page.get_by_role("heading", name="Dose alerts").wait_for()
    row = page.locator("main tbody tr").first
    assert "(Ka,r)" in row.inner_text() and "6,000 mGy" in row.inner_text()
    assert "skin check due" in row.inner_text()
    assert "ka_r_mgy" not in visible_text(page)
    shot(page, "physicist-alerts")

    row.get_by_role("button", name="Acknowledge").click()
    page.get_by_role("heading", name="Dose alerts").wait_for()
    page.get_by_label("Status").select_option("acknowledged")
    page.get_by_role("button", name="Show").click()
    page.locator("main tbody tr", has_text="Acknowledged").first.wait_for()

    letter = page.locator("main tbody tr").first.get_by_role("link", name="Patient letter (PDF)")
    response = page.request.get(f"{live_server.url}{letter.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.locator("main tbody tr").first.get_by_role("link").first.click()
    page.get_by_role("heading", name=re.compile("dose study")).wait_for()
    text = visible_text(page)
    assert "Percutaneous nephrostomy" in text
    assert "Ada Example" in text or "EXAMPLE" in text.upper()
    assert "mGy" in text
    shot(page, "physicist-study")
