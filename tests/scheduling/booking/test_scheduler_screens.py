"""What the scheduler sees: patients in the pickers and calendars, every booking of the day
whatever the hour, rooms only at the request's site, a confirmation after each action."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from irsuite.cases.requests.services import schedule_request
from irsuite.errors import ValidationFailed
from irsuite.people.models import Room, SuiteType
from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.booking.services import add_on, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_room(other_site):
    return Room.objects.create(
        site=other_site,
        code="noc-angio",
        name="Northfield Angio",
        suite_type=SuiteType.ANGIO_SINGLE_PLANE,
        ae_title="NOC_ANGIO",
    )


def day_url(site, day, **query):
    url = reverse("scheduling:day", args=[site.code, day.isoformat()])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def options_of(page, name):
    """The visible labels of a <select name=...> on the page."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no {name} picker on the page"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_the_day_calendar_shows_a_2330_add_on(
    client_as, make_vetted, room, site, tomorrow, persona
):
    request = make_vetted(priority="emergent")
    add_on(request, room=room, start=local(tomorrow, 23, 30), by=persona("attending"))
    page = client_as("scheduler").get(day_url(site, tomorrow)).content.decode()
    assert "<strong>23:30–" in page
    assert "emergency add-on" in page
    assert 'data-start="' + tomorrow.isoformat() + 'T23:45"' in page


def test_the_day_calendar_still_shows_the_working_day_when_it_is_empty(
    client_as, room, site, tomorrow
):
    page = client_as("scheduler").get(day_url(site, tomorrow)).content.decode()
    assert f'data-start="{tomorrow.isoformat()}T07:00"' in page
    assert f'data-start="{tomorrow.isoformat()}T19:45"' in page
    assert f'data-start="{tomorrow.isoformat()}T20:00"' not in page


def test_an_early_case_widens_the_day_calendar_to_its_hour(
    client_as, make_vetted, room, site, tomorrow, persona
):
    book(make_vetted(), room=room, start=local(tomorrow, 5, 15), by=persona("scheduler"))
    page = client_as("scheduler").get(day_url(site, tomorrow)).content.decode()
    assert f'data-start="{tomorrow.isoformat()}T05:00"' in page
    assert "<strong>05:15–" in page


def test_the_book_form_offers_only_rooms_at_the_requests_site(
    client_as, make_vetted, room, far_room, site, tomorrow
):
    request = make_vetted()
    client = client_as("scheduler")
    page = client.get(reverse("cases:request", args=[request.pk])).content.decode()
    assert options_of(page, "room") == ["---------", "Angio 1"]
    response = client.post(
        reverse("cases:request_schedule", args=[request.pk]),
        {"room": far_room.pk, "start": f"{tomorrow.isoformat()}T10:00"},
    )
    assert response.status_code == 302
    assert not Booking.objects.filter(request=request).exists()
    day = client.get(day_url(site, tomorrow)).content.decode()
    assert "Northfield Angio" not in "".join(options_of(day, "room"))


def test_a_room_at_another_site_is_refused_whatever_books_it(
    make_vetted, far_room, persona, tomorrow
):
    request = make_vetted()
    with pytest.raises(ValidationFailed, match="another site"):
        schedule_request(request, room=far_room, start=local(tomorrow, 10), by=persona("scheduler"))
    assert not Booking.objects.filter(request=request).exists()


def test_the_backlog_picker_shows_the_patient_and_procedure_not_the_accession_number(
    client_as, make_vetted, site, room, tomorrow
):
    request = make_vetted(due=tomorrow)
    page = client_as("scheduler").get(day_url(site, tomorrow)).content.decode()
    (label,) = [o for o in options_of(page, "request") if o != "---------"]
    assert label.startswith("PATIENT1, Test (MRN SBH9000001) · Percutaneous nephrostomy · Routine")
    assert "due" in label
    assert request.accession_number not in label


def test_the_backlog_picker_searches_by_patient_name_or_mrn(
    client_as, make_vetted, site, room, tomorrow
):
    make_vetted(), make_vetted()
    client = client_as("scheduler")
    by_name = options_of(
        client.get(day_url(site, tomorrow, q="patient2")).content.decode(), "request"
    )
    assert [o for o in by_name if o != "---------"][0].startswith("PATIENT2, Test")
    assert len(by_name) == 2
    by_mrn = options_of(
        client.get(day_url(site, tomorrow, q="SBH9000001")).content.decode(), "request"
    )
    assert len(by_mrn) == 2 and by_mrn[1].startswith("PATIENT1, Test")


def test_the_week_shows_patients_and_procedures_not_codes(client_as, booked, site, tomorrow):
    url = reverse("scheduling:week", args=[site.code, tomorrow.isoformat()])
    page = client_as("scheduler").get(url).content.decode()
    assert "PATIENT1, Test (MRN SBH9000001)" in page
    assert "Percutaneous nephrostomy" in page


def _site_day(day: dt.date) -> str:
    """A day as the site writes it (6 Dec 2026)."""
    return f"{day.day} {day:%b %Y}"


def test_booking_from_the_backlog_says_what_was_booked(
    client_as, make_vetted, room, site, tomorrow
):
    request = make_vetted()
    response = client_as("scheduler").post(
        reverse("scheduling:book", args=[site.code]),
        {"request": request.pk, "room": room.pk, "start": f"{tomorrow.isoformat()}T11:00"},
        follow=True,
    )
    said = f"Booked: Percutaneous nephrostomy in Angio 1, {_site_day(tomorrow)} 11:00."
    assert said in response.content.decode()


def test_a_drag_on_the_calendar_is_confirmed(client_as, booked, room2, tomorrow):
    response = client_as("scheduler").post(
        reverse("scheduling:move", args=[booked.pk]),
        {"room": room2.pk, "start": f"{tomorrow.isoformat()}T13:00", "version": booked.version},
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert 'id="calendar-status"' in text and 'hx-swap-oob="true"' in text
    assert f"Moved: Percutaneous nephrostomy in Angio 2, {_site_day(tomorrow)} 13:00." in text
    assert not re.search(r"Moved: [^<]*\d{4}-\d{2}-\d{2}", text)


def test_a_move_by_hand_is_in_the_requests_history(client_as, booked, room2, tomorrow):
    client_as("scheduler").post(
        reverse("scheduling:move", args=[booked.pk]),
        {"room": room2.pk, "start": f"{tomorrow.isoformat()}T13:00"},
    )
    page = client_as("scheduler").get(reverse("cases:request", args=[booked.request_id]))
    assert "Booking moved from Angio 1" in page.content.decode()
    assert f"to Angio 2, {_site_day(tomorrow)} 13:00." in page.content.decode()
    assert not re.search(r"Booking moved from [^<]*\d{4}-\d{2}-\d{2}", page.content.decode())


def test_releasing_a_pinned_booking_is_recorded_in_the_requests_history(
    client_as, make_vetted, room, tomorrow, persona
):
    request = make_vetted(priority="emergent")
    booking = add_on(request, room=room, start=local(tomorrow, 23, 30), by=persona("attending"))
    client = client_as("scheduler")
    page = client.get(reverse("cases:request", args=[request.pk])).content.decode()
    assert "Pinned: an emergency add-on" in page and "Release for rescheduling" in page
    response = client.post(
        reverse("scheduling:release_pin", args=[booking.pk]),
        {"reason": "Stable overnight"},
        follow=True,
    )
    text = response.content.decode()
    assert "Released: a proposal may now move this booking once." in text
    assert "Booking released by hand for rescheduling: Stable overnight" in text
    booking.refresh_from_db()
    assert not booking.pinned


def test_a_nurse_cannot_release_a_pinned_booking(client_as, make_vetted, room, tomorrow, persona):
    booking = add_on(
        make_vetted(), room=room, start=local(tomorrow, 23, 30), by=persona("attending")
    )
    response = client_as("nurse").post(
        reverse("scheduling:release_pin", args=[booking.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.pinned


def test_the_day_after_shows_an_add_on_that_runs_past_midnight(
    client_as, make_vetted, room, site, tomorrow, persona
):
    request = make_vetted(priority="emergent")
    add_on(request, room=room, start=local(tomorrow, 23, 30), by=persona("attending"))
    after = tomorrow + dt.timedelta(days=1)
    page = client_as("scheduler").get(day_url(site, after)).content.decode()
    assert "Percutaneous nephrostomy" in page
