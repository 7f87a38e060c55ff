"""The coder's day in a real browser: a recently signed case, its report read, its codes
recorded."""

from __future__ import annotations

import re

import pytest
from journey_cases import finish_and_sign
from journey_steps import DESKTOP, log_in, shot, visible_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_coder_reads_the_report_and_records_the_codes(
    browser_page, live_server, open_procedure, persona
):
    procedure = finish_and_sign(open_procedure, persona("attending"))
    persona("coder")
    page = browser_page
    log_in(page, live_server, "coder")
    home = page.locator("section", has=page.get_by_role("heading", name="Recently signed, to code"))
    case = home.locator("tbody tr", has_text="nephrostomy")
    assert "not coded" in case.inner_text() and "suggestion: 50432" in case.inner_text()
    home.get_by_role("link", name=re.compile("nephrostomy")).click()
    page.get_by_role("heading", name="Codes recorded (CPT)").wait_for()
    assert "Not coded yet." in visible_text(page)
    shot(page, "coder-procedure")

    page.goto(f"{live_server.url}/safety/procedures/{procedure.pk}/report/")
    page.get_by_text("Successful left nephrostomy.").wait_for()
    assert "Signed by" in visible_text(page)

    page.go_back()
    page.get_by_role("heading", name="Codes recorded (CPT)").wait_for()
    page.get_by_label("Other codes").fill("50432")
    page.get_by_role("button", name="Record the codes").click()
    page.get_by_text("Codes recorded: 50432.").first.wait_for()
    codes = page.locator("section", has=page.get_by_role("heading", name="Codes recorded (CPT)"))
    assert "50432" in codes.inner_text() and "Not coded yet." not in codes.inner_text()

    page.goto(f"{live_server.url}/")
    case = page.locator("section", has_text="Recently signed, to code").locator("tbody tr")
    assert "not coded" not in case.inner_text() and "50432" in case.inner_text()
