"""The quality lead's day in a real browser: the quality dashboard, an indicator's cases, and
from the case with the event to its morbidity and mortality review."""

from __future__ import annotations

import re

import pytest
from journey_cases import finish_and_sign
from journey_steps import DESKTOP, log_in, open_menu, shot, visible_text

from irsuite.outcomes.adverse_events.services import AeInput, record_adverse_event
from irsuite.outcomes.review import services as review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bled(open_procedure, persona):  # type: ignore[no-untyped-def]
    """A signed nephrostomy with a major haemorrhage, on the M&M list."""
    procedure = finish_and_sign(open_procedure, persona("attending"))
    record_adverse_event(
        procedure,
        AeInput(
            timing="post",
            onset_date=procedure.day,
            category="bleeding",
            description="Bleed from the tract",
            gradings=[("sir_2017", "2")],
            treatment="Transfused",
            indicator="major_haemorrhage",
        ),
        by=persona("attending"),
    )
    review.flag_manually(
        procedure, note="Bleed after nephrostomy", by=persona("quality_lead", "qlead")
    )
    return procedure


def open_indicator_cases(page, live_server) -> None:  # type: ignore[no-untyped-def]
    open_menu(page, "Quality", "Quality")
    page.get_by_label("Procedure").select_option("PCN")
    page.get_by_role("button", name="Show").click()
    row = page.locator("main tr", has_text="Major haemorrhage").first
    row.wait_for()
    assert re.search(r"\b1\b", row.inner_text())
    shot(page, "quality-lead-dashboard")
    row.get_by_role("link", name="cases").click()
    page.get_by_role("heading", name=re.compile("Major haemorrhage cases")).wait_for()


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_quality_lead_finds_the_case_behind_an_indicator(
    browser_page, live_server, bled, persona
):
    page = browser_page
    log_in(page, live_server, "qlead")
    open_indicator_cases(page, live_server)
    case = page.locator("main tbody tr", has_text=bled.request.accession_number)
    assert "yes" in case.inner_text()
    shot(page, "quality-lead-indicator-cases")

    open_menu(page, "Quality", "M&M")
    page.get_by_role("heading", name=re.compile("Awaiting review")).wait_for()
    assert "Flagged by hand" in visible_text(page)
    page.get_by_role("link", name="Review").first.click()
    page.get_by_role("heading", name=re.compile("Review: Percutaneous nephrostomy")).wait_for()
    assert "Bleed from the tract" in visible_text(page)
    shot(page, "quality-lead-mm-case")


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_quality_lead_opens_the_mm_case_from_its_indicator(
    browser_page, live_server, bled, persona
):
    page = browser_page
    log_in(page, live_server, "qlead")
    open_indicator_cases(page, live_server)
    case = page.locator("main tbody tr", has_text=bled.request.accession_number)
    case.get_by_role("link").first.click(timeout=3000)
    page.get_by_role("heading", name=re.compile("Review: Percutaneous nephrostomy")).wait_for()
