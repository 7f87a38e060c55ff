"""Duty swap pages and API: who may open them, offer, accept and approve."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from irsuite.scheduling.roster.models import RosterAssignment
from irsuite.scheduling.swaps.models import SwapStatus
from irsuite.scheduling.swaps.services import accept_swap, offer_swap


def test_the_swaps_page_sends_anonymous_visitors_to_login(db):
    response = Client().get(reverse("scheduling:roster_swaps"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_swaps_page_is_closed_to_roles_without_the_roster(client_as):
    assert client_as("researcher").get(reverse("scheduling:roster_swaps")).status_code == 403


def test_approving_a_swap_is_closed_to_everyone_but_a_chief(all_day_roster, client_as, persona):
    period, people = all_day_roster
    duty = period.assignments.order_by("-day").first()
    taker = next(p for p in people if p.pk != duty.staff_id)
    swap = accept_swap(offer_swap(duty, taker, duty.staff.user), taker.user)
    url = reverse("scheduling:roster_swap_action", args=[swap.pk, "approve"])
    assert client_as("attending", taker.user.username).post(url).status_code == 403
    client_as("quality_lead").post(url)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED


def test_a_swap_offered_through_the_api_needs_a_chief_to_approve(all_day_roster, api_as, persona):
    period, people = all_day_roster
    duty = period.assignments.order_by("-day").first()
    taker = next(p for p in people if p.pk != duty.staff_id)
    giver_api = api_as("attending", duty.staff.user.username)
    created = giver_api.post(
        "/api/v1/roster/swaps",
        {"assignment": duty.pk, "taker": taker.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    swap_id = created.json()["id"]
    taker_api = api_as("attending", taker.user.username)
    accepted = taker_api.post(f"/api/v1/roster/swaps/{swap_id}/accept")
    assert accepted.json()["status"] == "accepted"
    assert taker_api.post(f"/api/v1/roster/swaps/{swap_id}/approve").status_code == 403
    approved = api_as("quality_lead").post(f"/api/v1/roster/swaps/{swap_id}/approve").json()
    assert approved["status"] == "approved"
    assert RosterAssignment.objects.get(pk=duty.pk).staff_id == taker.pk
