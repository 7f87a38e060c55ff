"""The calendar pages: day and week, dragging cases, the backlog panel, add-ons, worklists."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import Booking, BookingKind, RecurringBlock
from irsuite.scheduling.booking.services import book

pytestmark = pytest.mark.django_db


def day_url(site, day):
    return reverse("scheduling:day", args=[site.code, day.isoformat()])


def test_the_calendar_opens_on_today_at_the_users_site(client_as, site):
    response = client_as("scheduler").get(reverse("scheduling:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/scheduling/{site.code}/day/")


def test_the_day_calendar_shows_each_booking_in_its_room_and_time(
    client_as, booked, site, tomorrow
):
    page = client_as("scheduler").get(day_url(site, tomorrow)).content.decode()
    assert "Percutaneous nephrostomy" in page
    minutes = booked.request.catalogue_entry.default_duration_min
    end = local(tomorrow, 9) + dt.timedelta(minutes=minutes)
    assert f"<strong>09:00–{end:%H:%M}</strong> Percutaneous nephrostomy" in page
    assert f'data-move-url="{reverse("scheduling:move", args=[booked.pk])}"' in page


def test_a_reserved_service_list_is_drawn_on_the_day(client_as, room, site, tomorrow):
    RecurringBlock.objects.create(
        room=room,
        weekday=tomorrow.weekday(),
        start=dt.time(8),
        end=dt.time(12),
        service="oncology",
        label="Oncology list",
    )
    page = client_as("scheduler").get(day_url(site, tomorrow)).content.decode()
    assert "Reserved list: Oncology list" in page


def test_a_nurse_sees_the_calendar_but_cannot_drag_cases(client_as, booked, site, tomorrow):
    response = client_as("nurse").get(day_url(site, tomorrow))
    assert response.status_code == 200
    assert "draggable" not in response.content.decode()


@pytest.mark.parametrize("role", ["researcher", "referrer"])
def test_roles_without_the_worklist_cannot_open_the_calendar(client_as, site, tomorrow, role):
    assert client_as(role).get(day_url(site, tomorrow)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, site, tomorrow):
    response = client.get(day_url(site, tomorrow))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_dropping_a_case_on_another_room_and_time_rebooks_it(client_as, booked, room2, tomorrow):
    response = client_as("scheduler").post(
        reverse("scheduling:move", args=[booked.pk]),
        {"room": room2.pk, "start": f"{tomorrow.isoformat()}T14:15", "version": booked.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="calendar-grid"' in response.content.decode()
    booked.refresh_from_db()
    assert (booked.room, booked.start) == (room2, local(tomorrow, 14, 15))


def test_dropping_a_case_on_a_taken_room_is_refused_with_the_reason(
    client_as, booked, make_vetted, room, persona, tomorrow
):
    other = book(make_vetted(), room=room, start=local(tomorrow, 13), by=persona("scheduler"))
    response = client_as("scheduler").post(
        reverse("scheduling:move", args=[other.pk]),
        {"room": room.pk, "start": f"{tomorrow.isoformat()}T09:30", "version": other.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert "The room is already booked" in response.content.decode()
    other.refresh_from_db()
    assert other.start == local(tomorrow, 13)


def test_a_nurse_cannot_move_a_booking(client_as, booked, room2, tomorrow):
    response = client_as("nurse").post(
        reverse("scheduling:move", args=[booked.pk]),
        {"room": room2.pk, "start": f"{tomorrow.isoformat()}T14:00"},
    )
    assert response.status_code == 403


def test_the_week_shows_bookings_by_room_and_day(client_as, booked, site, tomorrow):
    page = (
        client_as("scheduler")
        .get(reverse("scheduling:week", args=[site.code, tomorrow.isoformat()]))
        .content.decode()
    )
    assert "<strong>09:00</strong> Percutaneous nephrostomy" in page
    assert "PATIENT1, Test (MRN SBH9000001)" in page


def test_moving_on_the_week_keeps_the_time_of_day(client_as, booked, room2, site, tomorrow):
    later = tomorrow + dt.timedelta(days=1)
    response = client_as("scheduler").post(
        reverse("scheduling:move", args=[booked.pk]),
        {"room": room2.pk, "start": f"{later.isoformat()}T09:00", "view": "week"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "cal-week" in response.content.decode()


def test_a_room_worklist_lists_the_days_cases_in_order(
    client_as, booked, make_vetted, room, persona, tomorrow
):
    book(make_vetted(), room=room, start=local(tomorrow, 7, 30), by=persona("scheduler"))
    page = (
        client_as("technologist")
        .get(reverse("scheduling:worklist", args=[room.pk, tomorrow.isoformat()]))
        .content.decode()
    )
    assert page.index("07:30") < page.index("09:00")
    assert "PATIENT1, Test (MRN SBH9000001)" in page and "PATIENT2, Test" in page


def test_booking_from_the_backlog_panel(client_as, make_vetted, room, site, tomorrow):
    request = make_vetted()
    response = client_as("scheduler").post(
        reverse("scheduling:book", args=[site.code]),
        {"request": request.pk, "room": room.pk, "start": f"{tomorrow.isoformat()}T11:00"},
    )
    assert response.status_code == 302
    assert Booking.objects.get(request=request).start == local(tomorrow, 11)


def test_an_attending_books_an_emergency_add_on_tonight(client_as, new_request, room, site):
    response = client_as("attending").get(reverse("scheduling:add_on", args=[site.code]))
    assert response.status_code == 200
    response = client_as("attending").post(
        reverse("scheduling:add_on", args=[site.code]),
        {"request": new_request.pk, "room": room.pk, "start": "2030-01-01T23:10"},
    )
    assert response.status_code == 302
    booking = Booking.objects.get(request=new_request)
    assert booking.kind == BookingKind.ADD_ON


def test_a_nurse_cannot_book_an_add_on(client_as, site):
    assert client_as("nurse").get(reverse("scheduling:add_on", args=[site.code])).status_code == 403


def test_the_request_page_shows_its_booking_and_a_way_off_the_calendar(client_as, booked):
    page = client_as("scheduler").get(reverse("cases:request", args=[booked.request_id]))
    text = page.content.decode()
    day = timezone.localdate(booked.start).isoformat()
    assert reverse("scheduling:worklist", args=[booked.room_id, day]) in text
    assert "Take off the calendar" in text


def test_a_nurse_sees_the_booking_but_cannot_take_it_off(client_as, booked):
    text = client_as("nurse").get(reverse("cases:request", args=[booked.request_id])).content
    assert b"Room worklist" in text and b"Take off the calendar" not in text


def test_taking_a_case_off_the_calendar_from_its_page(client_as, booked):
    response = client_as("scheduler").post(
        reverse("scheduling:unbook", args=[booked.pk]), {"reason": "Patient unwell"}
    )
    assert response.status_code == 302
    assert not Booking.objects.filter(pk=booked.pk).exists()


def test_a_scheduler_can_move_a_case_from_the_worklist_without_dragging(
    client_as, booked, room, room2, tomorrow
):
    client = client_as("scheduler")
    page = client.get(reverse("scheduling:worklist", args=[room.pk, tomorrow.isoformat()]))
    assert b'name="start"' in page.content
    response = client.post(
        reverse("scheduling:move", args=[booked.pk]),
        {"room": room2.pk, "start": f"{tomorrow.isoformat()}T12:00", "version": booked.version},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "scheduling:worklist", args=[room2.pk, tomorrow.isoformat()]
    )
    booked.refresh_from_db()
    assert (booked.room, booked.start) == (room2, local(tomorrow, 12))


def test_a_refused_move_from_the_worklist_says_why(
    client_as, booked, make_vetted, room, persona, tomorrow
):
    other = book(make_vetted(), room=room, start=local(tomorrow, 14), by=persona("scheduler"))
    response = client_as("scheduler").post(
        reverse("scheduling:move", args=[other.pk]),
        {"room": room.pk, "start": f"{tomorrow.isoformat()}T09:00"},
        follow=True,
    )
    assert b"The room is already booked" in response.content
