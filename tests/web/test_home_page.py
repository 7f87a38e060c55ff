"""The home page: every role gets one, showing the work that waits for that role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from irsuite.people.roles import Capability, StaffRole, capabilities_of

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_login():
    response = Client().get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", StaffRole.values)
def test_every_role_gets_a_home_page_with_only_the_links_it_may_follow(role, client_as):
    page = client_as(role).get(reverse("web:home"))
    assert page.status_code == 200
    links = {link["url"] for link in page.context["nav_links"]}
    assert (reverse("cases:worklist") in links) == (
        Capability.VIEW_WORKLIST in capabilities_of(role)
    )


def test_an_attending_sees_the_requests_waiting_for_vetting(client_as, new_request):
    page = client_as("attending").get(reverse("web:home"))
    assert page.context["to_vet"] == [new_request]
    assert reverse("cases:request", args=[new_request.pk]) in page.content.decode()


def test_a_referrer_sees_their_own_requests_and_nothing_to_vet(client_as, new_request):
    page = client_as("referrer").get(reverse("web:home"))
    assert page.context["my_requests"] == [new_request]
    assert "to_vet" not in page.context
