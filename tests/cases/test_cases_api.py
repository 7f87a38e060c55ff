"""The REST API as a whole: authentication, role rules, clear errors, and the case routes'
published paths and operation ids (the catalogue, requests and procedures routers)."""

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


# The case routes as published: clients generate code from these operation ids.
CASE_OPERATIONS = {
    ("get", "/api/v1/catalogue", "list_catalogue"),
    ("get", "/api/v1/catalogue/{code}", "get_catalogue_entry"),
    ("get", "/api/v1/requests", "list_requests"),
    ("post", "/api/v1/requests", "create_request"),
    ("get", "/api/v1/requests/{request_id}", "get_request"),
    ("post", "/api/v1/requests/{request_id}/procedure", "start_procedure"),
    ("post", "/api/v1/requests/{request_id}/schedule", "schedule_request"),
    ("post", "/api/v1/requests/{request_id}/transitions", "transition_request"),
    ("post", "/api/v1/requests/{request_id}/vet", "vet_request"),
    ("get", "/api/v1/procedures", "list_procedures"),
    ("get", "/api/v1/procedures/{procedure_id}", "get_procedure"),
    ("patch", "/api/v1/procedures/{procedure_id}", "patch_procedure"),
    ("post", "/api/v1/procedures/{procedure_id}/access-sites", "add_access_site"),
    ("post", "/api/v1/procedures/{procedure_id}/addenda", "add_addendum"),
    ("post", "/api/v1/procedures/{procedure_id}/devices", "add_device"),
    ("post", "/api/v1/procedures/{procedure_id}/sign", "sign_procedure"),
    ("post", "/api/v1/procedures/{procedure_id}/team", "add_team_member"),
}


def test_the_case_routes_keep_their_published_paths_and_operation_ids():
    paths = body(Client().get("/api/v1/openapi.json"))["paths"]
    published = {
        (method, path, operation["operationId"].removeprefix("irsuite_cases_api_"))
        for path, operations in paths.items()
        for method, operation in operations.items()
        if operation["tags"] == ["cases"]
    }
    assert published == CASE_OPERATIONS


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
