"""The referring clinician's day in a real browser: request a procedure, follow it, and read the
signed report of an earlier request from its result notice."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from journey_steps import DESKTOP, log_in, open_menu, shot, visible_text

from irsuite.cases.models import TechnicalSuccess
from irsuite.cases.requests import services
from irsuite.safety.report import services as report_services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECTIONS = {
    "consent": "Written consent obtained.",
    "time_out": "Time-out performed.",
    "findings": "Dilated left collecting system; 10 Fr nephrostomy placed.",
    "complications": "None immediate.",
    "radiation_dose": "Reference air kerma 40 mGy.",
    "impression": "Successful left nephrostomy.",
}


@pytest.fixture
def reported(open_procedure, persona):  # type: ignore[no-untyped-def]
    """The referrer's earlier request, done and its report signed by the attending."""
    attending = persona("attending")
    now = timezone.now()
    services.update_procedure(
        open_procedure,
        by=attending,
        version=open_procedure.version,
        fields={
            "start_at": now - dt.timedelta(hours=1),
            "end_at": now - dt.timedelta(minutes=10),
            "technical_success": TechnicalSuccess.SUCCESS,
            "disposition": "ward",
        },
    )
    open_procedure.refresh_from_db()
    report = report_services.open_report(open_procedure, by=attending)
    report = report_services.edit_report(report, sections=SECTIONS, by=attending)
    report_services.sign_report(report, by=attending)
    return open_procedure


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_referrer_requests_a_procedure_and_sees_it_recorded(
    browser_page, live_server, catalogue, site, persona
):
    page = browser_page
    persona("referrer")
    log_in(page, live_server, "referrer")
    shot(page, "referrer-home")

    open_menu(page, "Cases", "New request")
    page.get_by_label("MRN").fill("SBH7654321")
    page.get_by_label("Given name").fill("Maeve")
    page.get_by_label("Family name").fill("Guide")
    page.get_by_label("Birth date").fill("1951-02-11")
    page.get_by_label("Procedure", exact=True).select_option(label="Percutaneous nephrostomy (PCN)")
    page.get_by_label("Indication").fill("Obstructed infected left kidney, rising creatinine")
    page.get_by_label("ICD-10-CM codes").fill("N13.30")
    page.get_by_label("Priority").select_option("urgent")
    shot(page, "referrer-new-request")
    page.get_by_role("button", name="Submit request").click()
    page.get_by_role("heading", name=re.compile("History")).wait_for()

    text = visible_text(page)
    assert "Percutaneous nephrostomy" in text
    assert "Requested" in text and "Urgent" in text
    assert "Obstructed infected left kidney" in text
    shot(page, "referrer-request-recorded")

    open_menu(page, "Cases", "Requests")
    page.get_by_role("heading").first.wait_for()
    assert "Percutaneous nephrostomy" in visible_text(page)


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_referrer_reads_the_signed_report_from_the_result_notice(
    browser_page, live_server, reported
):
    page = browser_page
    log_in(page, live_server, "referrer")
    open_menu(page, "Cases", "Requests")
    page.get_by_role("link", name="Notices").click()
    page.get_by_role("heading", name="Notices").wait_for()
    assert "New" in visible_text(page)
    shot(page, "referrer-notices")

    page.get_by_role("button", name="Read the result").first.click()
    page.get_by_text("Successful left nephrostomy.").wait_for()
    text = visible_text(page)
    assert "Signed by" in text
    assert "Dilated left collecting system" in text
    assert reported.request.accession_number in text
    shot(page, "referrer-report")

    page.get_by_role("link", name=f"request {reported.request.accession_number}").click()
    page.get_by_text("Completed").first.wait_for()
    assert "Percutaneous nephrostomy" in visible_text(page)
