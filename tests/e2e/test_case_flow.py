"""In a real browser: log in, open the worklist, create and vet a request, record and sign."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_attending_takes_a_case_from_request_to_signature(
    browser_page, live_server, catalogue, room, persona
):
    page = browser_page
    persona("attending")
    persona("nurse")
    log_in(page, live_server, "attending", "pw-attending")

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_text("Cases", exact=True).click()  # the menu that holds the worklist
    nav.get_by_role("link", name="Worklist", exact=True).click()
    page.get_by_role("heading", name="Worklist").wait_for()

    nav.get_by_text("Cases", exact=True).click()
    nav.get_by_role("link", name="New request").click()
    page.get_by_label("MRN").fill("SBH1234567")
    page.get_by_label("Given name").fill("Robin")
    page.get_by_label("Family name").fill("Browser")
    page.get_by_label("Birth date").fill("1955-04-03")
    page.get_by_label("Procedure", exact=True).select_option(label="Percutaneous nephrostomy (PCN)")
    page.get_by_label("Indication").fill("Obstructed infected right kidney")
    page.get_by_label("ICD-10-CM codes").fill("N13.30")
    page.get_by_label("Priority").select_option("urgent")
    page.get_by_role("button", name="Submit request").click()
    page.locator(".message.success", has_text="recorded").wait_for()

    page.get_by_label("Accept").check()
    page.get_by_label("Note").fill("Agree, book for tomorrow morning")
    page.get_by_role("button", name="Record vetting").click()
    page.get_by_text("Vetting recorded").wait_for()

    start = (timezone.localtime() + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Room").select_option(label=room.name)  # rooms of the request's site only
    page.get_by_label("Start").fill(start)
    page.get_by_role("button", name="Book").click()
    page.get_by_text("Booked.").wait_for()

    page.get_by_role("button", name="Mark ready for the procedure").click()
    page.get_by_text("The bleeding-risk plan is not cleared").wait_for()
    page.get_by_label("Override reason").fill("Urgent decompression of an infected kidney")
    page.get_by_role("button", name="Mark ready for the procedure").click()
    page.get_by_role("button", name="Start the procedure").click()
    page.get_by_text("consent is not signed").wait_for()
    page.get_by_label("Emergency start reason").fill("Septic shock from an obstructed kidney")
    page.get_by_role("button", name="Start in an emergency").click()
    page.get_by_role("heading", name="Record", exact=True).wait_for()

    now = timezone.localtime()
    for label, minutes in [
        ("In room", 60),
        ("Procedure start", 50),
        ("Procedure end", 20),
        ("Out of room", 10),
    ]:
        page.get_by_label(label).fill(
            (now - dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")
        )
    page.get_by_label("Technical success").select_option("success")
    page.get_by_label("Disposition").select_option("ward")
    page.get_by_label("Findings").fill("Hydronephrosis; 8 F nephrostomy placed, clear urine.")
    page.get_by_role("button", name="Save the record").click()
    page.get_by_text("Procedure saved.").wait_for()

    team = page.locator("form[action$='/team/']")
    team.get_by_label("Staff").select_option(label="Dr Attending Test")
    team.get_by_label("Case role").select_option("attending_operator")
    team.get_by_role("button", name="Add to team").click()

    devices = page.locator("form[action$='/devices/']")
    devices.get_by_label("Kind").select_option("catheter")
    devices.get_by_label("Device or embolic").fill("8 F locking nephrostomy catheter")
    devices.get_by_label("Lot").fill("LOT2026")
    devices.get_by_role("button", name="Add device").click()
    page.get_by_text("LOT2026").wait_for()

    page.get_by_role("button", name="Sign and lock").click()
    page.get_by_text("Signed by Dr Attending Test").wait_for()
