"""The emergency add-on page offers each role only what it may book: a scheduler the vetted
requests, a role that may vet also those not yet vetted (vetted on booking); a refusal is shown
once."""

import datetime as dt

import pytest
from django.urls import reverse

from irsuite.cases.models import RequestStatus
from irsuite.scheduling.booking.calendar import local

pytestmark = pytest.mark.django_db


def offered(response) -> set[int]:
    return {r.pk for r in response.context["form"].fields["request"].queryset}


def test_a_scheduler_is_offered_vetted_requests_only(client_as, new_request, make_vetted, site):
    vetted = make_vetted()
    response = client_as("scheduler").get(reverse("scheduling:add_on", args=[site.code]))
    assert offered(response) == {vetted.pk}
    text = response.content.decode()
    assert "vetted now by you" not in text
    assert "must first be vetted by an attending or fellow" in text


def test_a_scheduler_cannot_book_an_unvetted_request_by_posting_it(
    client_as, new_request, room, site
):
    response = client_as("scheduler").post(
        reverse("scheduling:add_on", args=[site.code]),
        {"request": new_request.pk, "room": room.pk, "start": "2030-01-01T23:10"},
    )
    assert response.status_code == 200
    new_request.refresh_from_db()
    assert new_request.status == RequestStatus.REQUESTED


def test_an_attending_is_offered_unvetted_requests_too(client_as, new_request, make_vetted, site):
    vetted = make_vetted()
    response = client_as("attending").get(reverse("scheduling:add_on", args=[site.code]))
    assert offered(response) == {vetted.pk, new_request.pk}
    assert "vetted now by you" in response.content.decode()


def test_an_add_on_refused_for_a_taken_room_says_so_once(
    client_as, booked, make_vetted, room, site, tomorrow
):
    urgent = make_vetted(priority="emergent")
    start = local(tomorrow, 9) + dt.timedelta(minutes=10)
    response = client_as("scheduler").post(
        reverse("scheduling:add_on", args=[site.code]),
        {"request": urgent.pk, "room": room.pk, "start": f"{start:%Y-%m-%dT%H:%M}"},
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert response.content.decode().count(errors[0]) == 1
