"""Who may open the dose pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


PAGES = ["dose:index", "dose:alerts", "dose:dashboard"]


@pytest.mark.parametrize("name", PAGES + ["dose:unlinked", "dose:quarantine"])
def test_an_anonymous_visitor_is_sent_to_login(client, name: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse(name))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", ["nurse", "coder", "researcher"])
def test_staff_without_the_dose_right_get_403(client_as, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert client_as(role).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", ["physicist", "attending"])
def test_physicists_and_attendings_see_dose(client_as, linked_hot_study, role: str) -> None:  # type: ignore[no-untyped-def]
    client = client_as(role)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200
    page = client.get(reverse("dose:study", args=[linked_hot_study.pk]))
    assert page.status_code == 200
    assert "6000.0" in page.content.decode()
