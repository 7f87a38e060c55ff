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


def test_the_m_and_m_list_is_visible_to_a_quality_lead(client_as, catalogue):
    response = client_as("quality_lead").get("/outcomes/mm/")
    assert response.status_code == 200
    assert b"Morbidity and mortality review" in response.content


def test_a_trainee_cannot_read_another_trainees_case_log(client_as, persona, catalogue):
    other = persona("resident", "other-resident").staff
    response = client_as("fellow").get(f"/outcomes/caselog/?trainee={other.pk}")
    assert response.status_code == 403


def test_an_operator_cannot_open_a_colleagues_credentialing_report(client_as, persona, catalogue):
    colleague = persona("attending").staff
    response = client_as("fellow").get(f"/outcomes/credentialing/?operator={colleague.pk}")
    assert response.status_code == 403


def test_recording_an_adverse_event_through_the_api_needs_the_right(api_as, signed_procedure):
    body = {
        "timing": "post",
        "onset_date": str(signed_procedure.day),
        "category": "pain",
        "description": "Pain",
        "gradings": [{"scale": "sir_2017", "grade": "1"}],
    }
    url = f"/api/v1/procedures/{signed_procedure.pk}/adverse-events"
    refused = api_as("coder").post(url, body, content_type="application/json")
    assert refused.status_code == 403
    accepted = api_as("nurse").post(url, body, content_type="application/json")
    assert accepted.status_code == 201
    assert accepted.json()["gradings"] == [{"scale": "sir_2017", "grade": "1"}]


def test_the_api_refuses_a_grade_outside_its_scale_with_the_reason(api_as, signed_procedure):
    body = {
        "timing": "post",
        "onset_date": str(signed_procedure.day),
        "category": "pain",
        "description": "Pain",
        "gradings": [{"scale": "cirse_2017", "grade": "7"}],
    }
    response = api_as("nurse").post(
        f"/api/v1/procedures/{signed_procedure.pk}/adverse-events",
        body,
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "grade '7' is not on the CIRSE" in response.json()["error"]


def test_the_procedure_page_shows_the_adverse_event_panel(client_as, signed_procedure):
    response = client_as("nurse").get(f"/cases/procedures/{signed_procedure.pk}/")
    assert response.status_code == 200
    assert b"Adverse events and review" in response.content


def test_the_procedure_outcomes_page_records_an_adverse_event(client_as, signed_procedure):
    url = f"/outcomes/procedures/{signed_procedure.pk}/"
    response = client_as("nurse").post(
        url,
        {
            "timing": "post",
            "onset_date": str(signed_procedure.day),
            "category": "bleeding",
            "description": "Haematoma",
            "treatment": "Compression",
            "grade_sir_legacy": "B",
            "indicator": "",
        },
    )
    assert response.status_code == 302
    assert signed_procedure.adverse_events.get().gradings.get().grade == "B"
    refused = client_as("nurse").post(
        url,
        {
            "timing": "post",
            "onset_date": str(signed_procedure.day),
            "category": "bleeding",
            "description": "Haematoma",
            "grade_sir_2017": "3",
        },
    )
    assert refused.status_code == 200
    assert "needs: outcome, treatment" in refused.content.decode()
