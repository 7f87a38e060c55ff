"""The IR nurse's day on an 820 x 1180 tablet: from the worklist to the sedation record, a dose
and a set of vital signs charted, the recovery score, and the discharge the page allows only
once the procedure has ended and the criteria have held."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from journey_steps import TABLET, log_in, open_menu, shot, visible_text

from irsuite.cases.requests import services
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ALL_TWOS = {
    "activity": "2",
    "respiration": "2",
    "circulation": "2",
    "consciousness": "2",
    "oxygen_saturation": "2",
}


def ago(minutes: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)


@pytest.fixture
def sedated(open_procedure, persona):  # type: ignore[no-untyped-def]
    """Moderate sedation charted during a procedure that ended 70 minutes ago."""
    nurse = persona("nurse")
    request = open_procedure.request
    services.update_procedure(
        open_procedure,
        by=persona("attending"),
        version=open_procedure.version,
        fields={"start_at": ago(110), "end_at": ago(70)},
    )
    sedation = ss.sedation_record(
        request, by=nurse, kind="moderate", baseline_systolic=135, started_at=ago(115)
    )
    ss.give_drug(sedation, drug="midazolam", dose="1", unit="mg", by=nurse, at=ago(112))
    for step in range(6):
        ss.record_vitals(
            sedation,
            phase=CarePhase.SEDATION,
            by=nurse,
            at=ago(110 - step * 5),
            values={
                "heart_rate": "76",
                "systolic": "128",
                "diastolic": "74",
                "respiratory_rate": "14",
                "spo2": "97",
                "on_oxygen": True,
                "ramsay": "3",
            },
        )
    return sedation


def record_aldrete(page) -> None:  # type: ignore[no-untyped-def]
    recovery = page.locator("#recovery")
    for name in ALL_TWOS:
        recovery.locator(f"select[name={name}]").select_option("2")
    page.get_by_role("button", name="Record the score").click()


@pytest.mark.parametrize("browser_page", [TABLET], indirect=True)
def test_the_nurse_charts_sedation_and_discharges_from_recovery_on_a_tablet(
    browser_page, live_server, sedated, persona
):
    page = browser_page
    log_in(page, live_server, "nurse")
    open_menu(page, "Cases", "Worklist")
    page.get_by_role("heading", name="Worklist").wait_for()
    assert "Percutaneous nephrostomy" in visible_text(page)
    shot(page, "nurse-worklist")

    page.locator("main table").get_by_role("link", name=re.compile("nephrostomy")).first.click()
    page.locator("li", has_text="Sedation and recovery:").get_by_role("link", name="open").click()
    page.get_by_role("heading", name="Vital signs").wait_for()
    assert "Moderate" in visible_text(page) or "moderate" in visible_text(page)
    assert "procedure ended" in visible_text(page)

    page.get_by_label("Drug", exact=True).select_option(label="Fentanyl")
    page.get_by_label("Dose", exact=True).fill("25")
    page.get_by_label("Unit", exact=True).select_option(label="micrograms")
    page.get_by_role("button", name="Record the dose").click()
    page.locator("#drugs td", has_text="Fentanyl").wait_for()
    assert "25 micrograms" in page.locator("#drugs").inner_text()
    page.locator("#drugs").scroll_into_view_if_needed()
    shot(page, "nurse-sedation-drugs")

    vitals = page.locator("#vitals form")
    vitals.get_by_label("When").select_option(label="Recovery")
    vitals.get_by_label("Heart rate (beats/min)").fill("72")
    vitals.get_by_label("Systolic pressure (mmHg)").fill("126")
    vitals.get_by_label("Diastolic pressure (mmHg)").fill("72")
    vitals.get_by_label("Respiratory rate (breaths/min)").fill("7")
    vitals.get_by_label("SpO2 (%)").fill("96")
    page.get_by_role("button", name="Record the vital signs").click()
    page.locator("#vitals-table td.flagged").first.wait_for()
    assert page.locator("#vitals-table td.flagged").count() == 1
    page.locator("#vitals").scroll_into_view_if_needed()
    shot(page, "nurse-sedation-vitals")

    page.locator("#recovery").scroll_into_view_if_needed()
    assert "Not ready for discharge" in page.locator("#recovery").inner_text()
    record_aldrete(page)
    page.locator("#recovery td", has_text="10").first.wait_for()
    readiness = page.locator("#readiness").inner_text()
    assert "Not ready for discharge" in readiness
    shot(page, "nurse-recovery-not-ready")


@pytest.mark.parametrize("browser_page", [TABLET], indirect=True)
def test_the_nurse_discharges_once_the_recovery_score_has_held(
    browser_page, live_server, sedated, persona
):
    nurse = persona("nurse")
    ss.score_aldrete(sedated, scores=ALL_TWOS, by=nurse, at=ago(30))
    page = browser_page
    log_in(page, live_server, "nurse")
    page.goto(f"{live_server.url}/safety/requests/{sedated.request_id}/sedation/")
    page.locator("#recovery").scroll_into_view_if_needed()
    record_aldrete(page)
    page.get_by_text("discharge criteria met").wait_for()
    page.locator("#recovery").scroll_into_view_if_needed()

    page.get_by_role("button", name="Discharge from recovery").click()
    page.locator("#recovery").get_by_text("Discharged from recovery at").wait_for()
    assert "Discharge instructions" in visible_text(page)
    page.locator("#recovery").scroll_into_view_if_needed()
    shot(page, "nurse-discharged")
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= TABLET["width"]
