"""The sedation page on an 820 x 1180 tablet: no horizontal scroll with drugs, a dozen sets of
vital signs (some highlighted), the trend chart and a dose warning on screen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import log_in
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TABLET = {"width": 820, "height": 1180}


NOW = timezone.now()


def ago(minutes: int) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def chart_a_sedation(request, nurse) -> None:  # type: ignore[no-untyped-def]
    sedation = ss.sedation_record(
        request, by=nurse, kind="moderate", baseline_systolic=140, started_at=ago(70)
    )
    ss.give_drug(sedation, drug="midazolam", dose="1", unit="mg", by=nurse, at=ago(65))
    ss.give_drug(sedation, drug="fentanyl", dose="50", unit="microgram", by=nurse, at=ago(64))
    for step in range(12):
        low = step == 6
        ss.record_vitals(
            sedation,
            phase=CarePhase.SEDATION,
            by=nurse,
            at=ago(60 - step * 5),
            values={
                "heart_rate": "78",
                "systolic": "91" if low else "132",
                "diastolic": "70",
                "respiratory_rate": "7" if low else "14",
                "spo2": "86" if low else "97",
                "on_oxygen": True,
                "ramsay": "5" if low else "3",
            },
        )


def scroll_width(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.parametrize("browser_page", [TABLET], indirect=True)
def test_the_sedation_page_fits_an_820_px_tablet_without_horizontal_scroll(
    browser_page, live_server, ready_request, persona
):
    page = browser_page
    nurse = persona("nurse")
    chart_a_sedation(ready_request, nurse)
    log_in(page, live_server, "nurse", "pw-nurse")
    page.goto(f"{live_server.url}/safety/requests/{ready_request.pk}/sedation/")
    page.locator("svg.trend-svg").first.wait_for()
    assert page.locator("#vitals-table td.flagged").count() == 4
    assert scroll_width(page) <= TABLET["width"]

    page.get_by_label("Drug", exact=True).select_option(label="Midazolam")
    page.get_by_label("Dose", exact=True).fill("50")
    page.get_by_role("button", name="Record the dose").click()
    page.locator("#dose-warning").wait_for()
    assert "above the usual single dose" in page.locator("#dose-warning").inner_text()
    assert scroll_width(page) <= TABLET["width"]
    page.get_by_role("button", name="I have checked: record this dose").click()
    page.get_by_text("Its dose warning is acknowledged in the record.").wait_for()
    assert scroll_width(page) <= TABLET["width"]
