import datetime as dt

import pytest

from irsuite.cases.models import RequestStatus
from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.booking.services import book

pytestmark = pytest.mark.django_db
API = "/api/v1/scheduling"


def test_a_scheduler_books_a_vetted_request_through_the_api(api_as, make_vetted, room, tomorrow):
    request = make_vetted()
    response = api_as("scheduler").post(
        f"{API}/bookings",
        {"request": request.pk, "room": room.pk, "start": local(tomorrow, 10).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["procedure"], body["kind"], body["version"]) == ("PCN", "planned", 1)
    request.refresh_from_db()
    assert request.status == RequestStatus.SCHEDULED


def test_a_double_booking_through_the_api_is_a_409_that_says_what_is_taken(
    api_as, make_vetted, room, persona, tomorrow
):
    book(make_vetted(), room=room, start=local(tomorrow, 10), by=persona("scheduler"))
    response = api_as("scheduler").post(
        f"{API}/bookings",
        {
            "request": make_vetted().pk,
            "room": room.pk,
            "start": local(tomorrow, 10, 30).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"]["conflicts"] == ["room"]
    assert "The room is already booked" in response.json()["error"]


def test_listing_moving_and_releasing_a_booking(
    api_as, make_vetted, room, room2, persona, site, tomorrow
):
    booking = book(make_vetted(), room=room, start=local(tomorrow, 10), by=persona("scheduler"))
    client = api_as("scheduler")
    listed = client.get(
        f"{API}/bookings", {"site": site.code, "start": local(tomorrow, 0).isoformat()}
    ).json()
    assert [b["id"] for b in listed["items"]] == [booking.pk] and listed["count"] == 1
    moved = client.post(
        f"{API}/bookings/{booking.pk}/move",
        {"room": room2.pk, "start": local(tomorrow, 15).isoformat(), "version": booking.version},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["room"] == room2.pk
    stale = client.post(
        f"{API}/bookings/{booking.pk}/move",
        {"room": room.pk, "start": local(tomorrow, 8).isoformat(), "version": booking.version},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert client.delete(f"{API}/bookings/{booking.pk}").status_code == 204
    assert not Booking.objects.exists()


def test_a_room_worklist_through_the_api(api_as, make_vetted, room, persona, tomorrow):
    book(make_vetted(), room=room, start=local(tomorrow, 13), by=persona("scheduler"))
    book(make_vetted(), room=room, start=local(tomorrow, 8), by=persona("scheduler"))
    rows = api_as("nurse").get(f"{API}/rooms/{room.pk}/worklist", {"day": tomorrow.isoformat()})
    assert [b["start"][11:16] for b in rows.json()] == [
        local(tomorrow, 8).astimezone(dt.UTC).strftime("%H:%M"),
        local(tomorrow, 13).astimezone(dt.UTC).strftime("%H:%M"),
    ]


def test_a_nurse_cannot_book_through_the_api(api_as, make_vetted, room, tomorrow):
    response = api_as("nurse").post(
        f"{API}/bookings",
        {"request": make_vetted().pk, "room": room.pk, "start": local(tomorrow, 10).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_researcher_cannot_list_bookings(api_as):
    assert api_as("researcher").get(f"{API}/bookings").status_code == 403


@pytest.mark.parametrize(
    "method,path", [("get", "/bookings"), ("post", "/proposals"), ("get", "/rooms/1/worklist")]
)
def test_the_bookings_api_needs_authentication(client, method, path):
    assert getattr(client, method)(f"{API}{path}").status_code == 401
