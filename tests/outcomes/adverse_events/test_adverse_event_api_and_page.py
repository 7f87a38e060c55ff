"""Recording adverse events through the API and the procedure outcomes page."""

import pytest

pytestmark = pytest.mark.django_db


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
