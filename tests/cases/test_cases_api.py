"""The REST API: authentication, role rules, list shapes, filters and clear errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def body(response) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(response.content)


def test_health_needs_no_authentication():
    response = Client().get("/api/v1/health")
    assert response.status_code == 200 and body(response) == {"status": "ok"}


def test_openapi_and_docs_are_served():
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = body(schema)["paths"]
    assert "/api/v1/procedures" in paths and "/api/v1/requests/{request_id}/transitions" in paths
    assert Client().get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/procedures",
        "/api/v1/requests",
        "/api/v1/patients",
        "/api/v1/catalogue",
        "/api/v1/staff",
        "/api/v1/rooms",
    ],
)
def test_an_anonymous_caller_gets_401_with_a_json_error(path):
    response = Client().get(path)
    assert response.status_code == 401
    assert "Authorization: Bearer" in body(response)["error"]


def test_a_malformed_token_is_named_as_such():
    response = Client(headers={"Authorization": "Bearer nonsense"}).get("/api/v1/procedures")
    assert response.status_code == 401
    assert body(response)["error"].startswith("The API token is malformed")


def test_an_unknown_token_is_refused(db):
    client = Client(headers={"Authorization": "Bearer irs_abcdefgh_" + "x" * 43})
    assert client.get("/api/v1/procedures").status_code == 401


@pytest.mark.parametrize(
    "role,path",
    [
        ("referrer", "/api/v1/procedures"),
        ("researcher", "/api/v1/requests"),
        ("coder", "/api/v1/staff"),
        ("researcher", "/api/v1/rooms"),
        ("referrer", "/api/v1/patients"),
    ],
)
def test_a_role_without_the_right_gets_403(api_as, role, path):
    response = api_as(role).get(path)
    assert response.status_code == 403
    assert "role" in body(response)["error"]


def test_procedures_list_pages_and_filters(api_as, signed_procedure, room):
    client = api_as("attending")
    day = signed_procedure.day.isoformat()
    listed = body(
        client.get(f"/api/v1/procedures?limit=50&date={day}&site=sbh&room={room.pk}&status=signed")
    )
    assert listed["count"] == 1 and listed["items"][0]["id"] == signed_procedure.pk
    item = listed["items"][0]
    assert item["entries"] == ["PCN"] and item["team"][0]["role"]
    assert item["patient"]["mrn"] == "SBH0000001"
    assert body(client.get("/api/v1/procedures?status=draft"))["count"] == 0


def test_a_researcher_sees_no_identifiers(api_as, signed_procedure):
    item = body(api_as("researcher").get("/api/v1/procedures"))["items"][0]
    assert item["patient"]["name"] is None and item["patient"]["mrn"] is None
    assert item["patient"]["research_id"].startswith("P")
    patient = body(api_as("researcher").get(f"/api/v1/patients/{item['patient']['id']}"))
    assert patient["family_name"] is None and patient["identifiers"] == []


def test_a_referrer_sees_only_their_own_requests(api_as, new_request, persona, catalogue):
    own = body(api_as("referrer").get("/api/v1/requests"))
    assert own["count"] == 1
    other = body(api_as("referrer", "referrer2").get("/api/v1/requests"))
    assert other["count"] == 0
    assert (
        api_as("referrer", "referrer2").get(f"/api/v1/requests/{new_request.pk}").status_code == 404
    )


def test_a_request_goes_through_its_workflow_over_the_api(api_as, patient, room, catalogue):
    referrer, attending = api_as("referrer"), api_as("attending")
    created = referrer.post(
        "/api/v1/requests",
        {
            "patient_id": patient.pk,
            "site": "sbh",
            "catalogue_code": "PICC",
            "indication": "Six weeks of antibiotics",
            "icd10_codes": ["T80.211A"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = body(created)["id"]
    vetted = attending.post(
        f"/api/v1/requests/{pk}/vet",
        {"accept": True, "note": "ok"},
        content_type="application/json",
    )
    assert body(vetted)["status"] == "vetted"
    booked = api_as("scheduler").post(
        f"/api/v1/requests/{pk}/schedule",
        {"room_id": room.pk, "start": "2026-11-23T10:00:00Z"},
        content_type="application/json",
    )
    assert body(booked)["status"] == "scheduled"
    refused = attending.post(
        f"/api/v1/requests/{pk}/transitions", {"to": "ready"}, content_type="application/json"
    )
    assert refused.status_code == 409
    assert "bleeding-risk plan is not cleared" in body(refused)["error"]
    ready = attending.post(
        f"/api/v1/requests/{pk}/transitions",
        {"to": "ready", "reason": "Line needed today; no anticoagulant"},
        content_type="application/json",
    )
    assert body(ready)["status"] == "ready"
    started = attending.post(f"/api/v1/requests/{pk}/procedure")
    assert started.status_code == 201 and body(started)["status"] == "draft"


def test_an_unknown_catalogue_code_is_404_with_a_message(api_as, patient, catalogue):
    response = api_as("referrer").post(
        "/api/v1/requests",
        {"patient_id": patient.pk, "site": "sbh", "catalogue_code": "NOPE", "indication": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert "NOPE" in body(response)["error"]


def test_a_missing_field_is_422_naming_it(api_as, patient, catalogue):
    response = api_as("referrer").post(
        "/api/v1/requests", {"patient_id": patient.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "catalogue_code" in body(response)["error"]


def test_an_oversized_body_is_413(api_as, db):
    response = api_as("referrer").post(
        "/api/v1/requests", "x" * 1_100_000, content_type="application/json"
    )
    assert response.status_code == 413
    assert "too large" in body(response)["error"]


def test_a_stale_patch_is_409(api_as, open_procedure):
    client = api_as("attending")
    url = f"/api/v1/procedures/{open_procedure.pk}"
    first = client.patch(
        url, {"version": open_procedure.version, "findings": "a"}, content_type="application/json"
    )
    assert first.status_code == 200
    second = client.patch(
        url, {"version": open_procedure.version, "findings": "b"}, content_type="application/json"
    )
    assert second.status_code == 409
    assert "Reload" in body(second)["error"]


def test_a_fellow_cannot_sign_over_the_api(api_as, open_procedure):
    response = api_as("fellow").post(f"/api/v1/procedures/{open_procedure.pk}/sign")
    assert response.status_code == 403


def test_team_access_and_devices_are_recorded_over_the_api(api_as, open_procedure, persona):
    client = api_as("fellow")
    url = f"/api/v1/procedures/{open_procedure.pk}"
    assert (
        client.post(
            f"{url}/access-sites",
            {"kind": "non_vascular", "site": "left flank"},
            content_type="application/json",
        ).status_code
        == 201
    )
    bad = client.post(
        f"{url}/access-sites",
        {"kind": "arterial", "site": "CFA", "sheath_fr": 45},
        content_type="application/json",
    )
    assert bad.status_code == 422
    added = client.post(
        f"{url}/devices",
        {"kind": "catheter", "name": "8 F nephrostomy", "lot": "L1"},
        content_type="application/json",
    )
    assert body(added)["devices"][0]["lot"] == "L1"


def test_catalogue_is_listed_and_filtered(api_as, catalogue):
    client = api_as("referrer")
    listed = body(client.get("/api/v1/catalogue?family=venous_access"))
    assert listed["count"] >= 5
    assert {i["family"] for i in listed["items"]} == {"venous_access"}
    assert body(client.get("/api/v1/catalogue/PCN"))["bleeding_risk"] == "high"


def test_the_list_rows_match_the_detail_serialiser(api_as, signed_procedure, persona):
    from irsuite.cases.models import Procedure
    from irsuite.cases.procedures import services as ps
    from irsuite.cases.procedures.rows import procedure_rows
    from irsuite.cases.schemas import ProcedureOut, procedure_out

    ps.add_addendum(signed_procedure, text="x", by=persona("attending"))
    for identified in (True, False):
        listed = procedure_rows(Procedure.objects.all(), identified)[0]
        detail = procedure_out(Procedure.objects.get(), identified)
        assert ProcedureOut(**listed).model_dump() == ProcedureOut(**detail).model_dump()
