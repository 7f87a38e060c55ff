"""The scheduler's day in a real browser: a vetted request booked from the backlog on the day
calendar, then an emergency add-on late in the evening, both on the calendar by patient."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from journey_steps import DESKTOP, log_in, open_menu, shot

from irsuite.cases.requests import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def urgent_request(catalogue, persona, site):  # type: ignore[no-untyped-def]
    """A second patient's request, not yet vetted, that cannot wait for a planned list."""
    from irsuite.patients.services import register_patient

    patient = register_patient(
        by=None,
        site=site,
        mrn="SBH0000002",
        given_name="Bran",
        family_name="Urgent",
        birth_date=dt.date(1948, 3, 2),
        sex="M",
        synthetic=True,
    )
    return services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="Septic obstructed kidney",
        icd10_codes=["N13.6"],
        priority="emergent",
    )


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_scheduler_books_the_backlog_and_an_evening_add_on(
    browser_page, live_server, vetted_request, urgent_request, room, persona
):
    services.vet(urgent_request, by=persona("attending"), accept=True, note="On call: tonight")
    persona("scheduler")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = browser_page
    log_in(page, live_server, "scheduler")
    open_menu(page, "Schedule", "Calendar")
    page.get_by_role("heading", name="Book from the vetted backlog").wait_for()
    booking = page.locator("form", has=page.get_by_role("button", name="Book", exact=True))
    picker = booking.get_by_label("Patient and procedure")
    assert "EXAMPLE" in picker.inner_text().upper()
    picker.select_option(picker.locator("option", has_text="EXAMPLE").get_attribute("value"))
    booking.get_by_label("Room").select_option(label=room.name)
    booking.get_by_label("Start").fill(f"{tomorrow.isoformat()}T10:00")
    shot(page, "scheduler-book")
    booking.get_by_role("button", name="Book", exact=True).click()
    page.get_by_text("Booked:").first.wait_for()

    page.get_by_role("link", name="Emergency add-on").click()
    page.get_by_role("heading", name="Emergency add-on").wait_for()
    form = page.locator("form.card")
    picker = form.get_by_label("Patient and procedure")
    picker.select_option(picker.locator("option", has_text="URGENT").get_attribute("value"))
    form.get_by_label("Room").select_option(label=room.name)
    form.get_by_label("Start").fill(f"{tomorrow.isoformat()}T23:30")
    page.get_by_role("button", name="Book the add-on").click()
    page.get_by_text("Add-on booked:").first.wait_for()

    grid = page.locator("#calendar-grid")
    add_on = grid.locator("article.cal-addon")
    add_on.wait_for()
    assert "emergency add-on" in add_on.inner_text()
    assert "URGENT" in add_on.inner_text().upper()
    assert "EXAMPLE" in grid.locator("article.cal-booking").first.inner_text().upper()
    add_on.scroll_into_view_if_needed()
    shot(page, "scheduler-add-on")


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_add_on_picker_offers_a_scheduler_only_what_they_may_book(
    browser_page, live_server, urgent_request, room, persona
):
    persona("scheduler")
    page = browser_page
    log_in(page, live_server, "scheduler")
    page.goto(f"{live_server.url}/scheduling/{room.site.code}/add-on/")
    page.get_by_role("heading", name="Emergency add-on").wait_for()
    picker = page.locator("form.card").get_by_label("Patient and procedure")
    assert "URGENT" not in picker.inner_text().upper()
