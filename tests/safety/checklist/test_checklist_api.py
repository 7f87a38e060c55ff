import json

import pytest


def url(request_id, tail=""):
    return f"/api/v1/safety/requests/{request_id}/{tail}"


def test_the_api_refuses_an_anonymous_caller(client, ready_request):
    assert client.get(url(ready_request.pk, "checklist")).status_code == 401


@pytest.mark.parametrize("role", ["researcher", "coder", "referrer"])
def test_roles_without_the_checklist_right_are_refused(api_as, ready_request, role):
    assert api_as(role).get(url(ready_request.pk, "checklist")).status_code == 403


def test_the_time_out_is_refused_over_the_api_with_the_reasons(
    api_as, ready_request, bleeding_plan
):
    api = api_as("nurse")
    response = api.post(
        url(ready_request.pk, "checklist/phases"),
        data=json.dumps({"phase": "time_out"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "Consent is not recorded" in response.json()["error"]


def test_an_answer_over_the_api_is_recorded_with_who_gave_it(api_as, ready_request, bleeding_plan):
    api = api_as("nurse")
    response = api.post(
        url(ready_request.pk, "checklist/answers"),
        data=json.dumps({"item": "identity_confirmed", "value": "confirmed"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    sign_in = response.json()["phases"][0]
    item = next(i for i in sign_in["items"] if i["id"] == "identity_confirmed")
    assert item["value"] == "confirmed" and item["by"] == "Nurse Test"
