"""Who may open the outcomes pages and API routes."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    ("/outcomes/quality/", "coder"),
    ("/outcomes/quality/cases/?entry=PCN&indicator=major_haemorrhage", "nurse"),
    ("/outcomes/followup/", "coder"),
    ("/outcomes/ivc-filters/", "researcher"),
    ("/outcomes/caselog/", "nurse"),
    ("/outcomes/mm/", "fellow"),
    ("/outcomes/credentialing/", "nurse"),
]
API = [
    ("/api/v1/quality/indicators?catalogue=PCN&from=2026-01-01&to=2026-12-31", "nurse"),
    ("/api/v1/followup/due", "coder"),
    ("/api/v1/ivc-filters", "researcher"),
]


@pytest.mark.parametrize(("url", "role"), PAGES)
def test_a_page_sends_an_anonymous_visitor_to_login(client, catalogue, url, role):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize(("url", "role"), PAGES)
def test_a_page_refuses_a_role_without_the_right(client_as, catalogue, url, role):
    assert client_as(role).get(url).status_code == 403


@pytest.mark.parametrize(("url", "role"), API)
def test_an_api_route_needs_authentication(client, catalogue, url, role):
    assert client.get(url).status_code == 401


@pytest.mark.parametrize(("url", "role"), API)
def test_an_api_route_refuses_a_role_without_the_right(api_as, catalogue, url, role):
    response = api_as(role).get(url)
    assert response.status_code == 403
    assert "error" in response.json()


def test_the_procedure_page_shows_the_adverse_event_panel(client_as, signed_procedure):
    response = client_as("nurse").get(f"/cases/procedures/{signed_procedure.pk}/")
    assert response.status_code == 200
    assert b"Adverse events and review" in response.content
