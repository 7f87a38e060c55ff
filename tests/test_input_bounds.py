"""Bounds where input enters: ids and integers within the database's range, plausible dates,
text within its column and free of control characters, booleans that are booleans.

The named tests each pin one failure that used to reach the database (a 500, or a row no
other database would hold); the generated ones walk every list page (URL resolver) and every API
query parameter (OpenAPI schema) with hostile values and accept anything but a server error."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from access_routes import Route, case_ids, page_routes
from irsuite.api import api
from irsuite.errors import ValidationFailed
from irsuite.outcomes.adverse_events.services import AeInput, record_adverse_event
from irsuite.patients.models import Patient
from irsuite.patients.services import register_patient
from irsuite.people.tokens import issue_token

pytestmark = pytest.mark.django_db

TOO_BIG = str(2**63)  # one past the largest 64-bit id
HOSTILE = [TOO_BIG, "-1", "x", "9999-12-31", "0001-01-01", "99999999999999999999999999"]
# Every filter a page or the API reads from its query string, by name.
FILTERS = [
    "room", "offset", "limit", "operator", "procedure", "staff", "clinician", "trainee",
    "patient", "who", "site", "date", "day", "from", "to", "start", "end", "week", "year",
    "month", "page", "status", "quantity", "entry", "indicator", "conference", "horizon_days",
]  # fmt: skip
# Roles tried in turn for each page: the first the page admits visits it.
VISITORS = ["attending", "quality_lead", "physicist", "scheduler", "admin", "coder", "researcher"]


def _api(persona: Any, role: str = "attending") -> Client:
    return Client(headers={"Authorization": f"Bearer {issue_token(persona(role))}"})


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _patient_body(**changes: Any) -> dict[str, Any]:
    body = {
        "site": "sbh",
        "mrn": "SBH-BOUNDS-1",
        "given_name": "Grace",
        "family_name": "Example",
        "birth_date": "1970-01-01",
        "sex": "F",
    }
    return body | changes


# --- ids and integers -------------------------------------------------------------------------


def test_a_room_filter_of_two_to_the_63_is_refused_not_a_500(persona, signed_procedure):
    client = _api(persona)
    for url in ("/api/v1/requests", "/api/v1/procedures", "/api/v1/scheduling/bookings"):
        response = client.get(url, {"room": TOO_BIG})
        assert response.status_code == 422, url
        assert "room" in response.json()["error"]


@pytest.mark.parametrize("name", ["operator", "room"])
def test_an_operator_or_room_filter_past_the_database_is_refused(persona, signed_procedure, name):
    response = _api(persona).get("/api/v1/procedures", {name: TOO_BIG})
    assert response.status_code == 422


def test_an_offset_past_the_database_is_refused_not_a_500(persona, signed_procedure):
    response = _api(persona).get("/api/v1/procedures", {"offset": "4758343006434153292160303104"})
    assert response.status_code == 422
    assert "offset" in response.json()["error"]


def test_an_id_of_two_to_the_63_in_a_path_is_refused_not_a_500(persona, signed_procedure):
    assert _api(persona).get(f"/api/v1/procedures/{TOO_BIG}").status_code == 422


def test_a_boolean_patient_id_is_refused(persona, patient, catalogue):
    body = {"patient_id": True, "site": "sbh", "catalogue_code": "PCN", "indication": "Pain"}
    response = _post(_api(persona), "/api/v1/requests", body)
    assert response.status_code == 422
    assert "patient_id" in response.json()["error"]


def test_a_patient_id_written_as_text_is_refused(persona, patient, catalogue):
    body = {"patient_id": str(patient.pk), "site": "sbh", "catalogue_code": "PCN"}
    response = _post(_api(persona), "/api/v1/requests", body | {"indication": "Pain"})
    assert response.status_code == 422


def test_a_number_where_a_boolean_belongs_is_refused(persona, site):
    response = _post(_api(persona), "/api/v1/patients", _patient_body(contrast_allergy=1))
    assert response.status_code == 422
    assert not Patient.objects.filter(given_name="Grace").exists()


# --- dates ------------------------------------------------------------------------------------


def test_a_year_9999_date_is_refused(persona, signed_procedure):
    client = _api(persona)
    assert client.get("/api/v1/procedures", {"date": "9999-12-31"}).status_code == 422
    assert client.get("/api/v1/requests", {"date": "9999-12-31"}).status_code == 422
    response = _post(client, "/api/v1/patients", _patient_body(birth_date="9999-12-31"))
    assert response.status_code == 422


def test_a_birth_date_in_year_1_is_refused(persona, site):
    response = _post(_api(persona), "/api/v1/patients", _patient_body(birth_date="0001-01-01"))
    assert response.status_code == 422
    assert "1900-01-01" in response.json()["error"]
    with pytest.raises(ValidationFailed, match="before 1900-01-01"):
        register_patient(
            by=None,
            site=site,
            mrn="SBH-Y1",
            given_name="Old",
            family_name="Record",
            birth_date=dt.date(1, 1, 1),
        )


def _adverse_event(**changes: Any) -> dict[str, Any]:
    body = {
        "timing": "post",
        "onset_date": dt.date.today().isoformat(),
        "category": "bleeding",
        "description": "Haematoma at the puncture site",
        "gradings": [{"scale": "sir", "grade": "mild"}],
    }
    return body | changes


def test_a_death_in_year_9999_is_refused(persona, signed_procedure):
    url = f"/api/v1/procedures/{signed_procedure.pk}/adverse-events"
    response = _post(_api(persona), url, _adverse_event(date_of_death="9999-12-31"))
    assert response.status_code == 422
    assert "date_of_death" in response.json()["error"]


def test_a_death_in_year_9999_is_refused_by_the_service_too(persona, signed_procedure):
    data = AeInput(
        timing="post",
        onset_date=dt.date.today(),
        category="bleeding",
        description="Haematoma",
        gradings=[],
        date_of_death=dt.date(9999, 12, 31),
    )
    with pytest.raises(ValidationFailed, match="date of death is after"):
        record_adverse_event(signed_procedure, data, by=persona("attending"))


def test_an_event_before_the_patients_birth_is_refused(persona, signed_procedure):
    birth = signed_procedure.request.patient.birth_date
    data = AeInput(
        timing="delayed",
        onset_date=signed_procedure.day,
        category="bleeding",
        description="Haematoma",
        gradings=[],
        date_of_death=birth - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationFailed, match="before the patient's birth"):
        record_adverse_event(signed_procedure, data, by=persona("attending"))


# --- lengths of stay --------------------------------------------------------------------------


@pytest.mark.parametrize("hours", [-1, 10**6, 2**63])
def test_a_negative_or_enormous_length_of_stay_is_refused_by_the_api(
    persona, signed_procedure, hours
):
    url = f"/api/v1/procedures/{signed_procedure.pk}/adverse-events"
    response = _post(_api(persona), url, _adverse_event(length_of_stay_hours=hours))
    assert response.status_code == 422
    assert "length_of_stay_hours" in response.json()["error"]


@pytest.mark.parametrize("hours", [-1, 10**6])
def test_a_negative_or_enormous_length_of_stay_is_refused_by_the_service(
    persona, signed_procedure, hours
):
    data = AeInput(
        timing="post",
        onset_date=dt.date.today(),
        category="bleeding",
        description="Haematoma",
        gradings=[],
        length_of_stay_hours=hours,
    )
    with pytest.raises(ValidationFailed, match="extra stay"):
        record_adverse_event(signed_procedure, data, by=persona("attending"))


@pytest.mark.parametrize("hours", ["-1", "1000000"])
def test_a_negative_or_enormous_length_of_stay_is_refused_by_the_form(signed_procedure, hours):
    from irsuite.outcomes.adverse_events.forms import AeForm

    data = _adverse_event(length_of_stay_hours=hours)
    form = AeForm(data, procedure=signed_procedure)
    assert not form.is_valid()
    assert "length_of_stay_hours" in form.errors


# --- text -------------------------------------------------------------------------------------


def test_a_ten_thousand_character_given_name_is_refused(persona, site):
    response = _post(_api(persona), "/api/v1/patients", _patient_body(given_name="A" * 10_000))
    assert response.status_code == 422
    assert "given_name" in response.json()["error"]
    with pytest.raises(ValidationFailed, match="at most 100 fit"):
        register_patient(
            by=None,
            site=site,
            mrn="SBH-LONG",
            given_name="A" * 10_000,
            family_name="Example",
            birth_date=dt.date(1970, 1, 1),
        )


def test_a_ten_thousand_character_mrn_is_refused(persona, site):
    response = _post(_api(persona), "/api/v1/patients", _patient_body(mrn="9" * 10_000))
    assert response.status_code == 422
    assert "mrn" in response.json()["error"]


def test_a_nul_byte_in_a_name_is_refused(persona, site):
    response = _post(_api(persona), "/api/v1/patients", _patient_body(family_name="Ex\x00ample"))
    assert response.status_code == 422
    assert "U+0000" in response.json()["error"]


@pytest.mark.parametrize("name", ["\u200b\u200b", "   ", "\u3164", "\u2800\u200d"])
def test_a_name_made_only_of_invisible_characters_is_refused(persona, site, name):
    response = _post(_api(persona), "/api/v1/patients", _patient_body(given_name=name))
    assert response.status_code == 422
    assert not Patient.objects.filter(family_name="Example").exists()


def test_a_lone_surrogate_is_refused(persona, site):
    body = '{"site": "sbh", "mrn": "X1", "given_name": "\\ud800", "family_name": "Example", '
    body += '"birth_date": "1970-01-01"}'
    client = _api(persona)
    response = client.post("/api/v1/patients", body, content_type="application/json")
    assert response.status_code == 422


def test_a_nul_byte_in_a_query_string_is_refused_before_any_view(persona, client_as):
    assert _api(persona).get("/api/v1/patients", {"q": "a\x00b"}).status_code == 400
    assert client_as("attending").get("/patients/", {"q": "a\x00b"}).status_code == 400


def test_an_accented_or_non_latin_name_is_kept(persona, site):
    body = _patient_body(given_name="Zoë", family_name="Nguyễn-O’Brien 李")
    response = _post(_api(persona), "/api/v1/patients", body)
    assert response.status_code == 201
    assert response.json()["family_name"] == "Nguyễn-O’Brien 李"


# --- generated: every list page, every API query parameter ------------------------------------


def _visitor(persona: Any, route: Route) -> Client | None:
    access = route.access
    for role in VISITORS:
        user = persona(role)
        if access is None or not access.login or access.admits(user):
            client = Client()
            client.force_login(user)
            return client
    return None


@pytest.mark.parametrize("value", HOSTILE)
def test_no_page_fails_on_a_hostile_filter(persona, signed_procedure, value):
    failures = []
    for route in page_routes():
        client = _visitor(persona, route)
        if client is None:
            continue
        url = route.url(case_ids(route, signed_procedure))
        response = client.get(url, dict.fromkeys(FILTERS, value))
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
    assert failures == []


def _query_parameters() -> list[tuple[str, str, dict[str, Any]]]:
    """(path, parameter, its schema) for each query parameter of each GET operation."""
    schema = api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] == "query":
                found.append((path, parameter["name"], parameter["schema"]))
    return found


def _is_number(schema: dict[str, Any]) -> bool:
    kinds = [schema.get("type")] + [s.get("type") for s in schema.get("anyOf", [])]
    return "integer" in kinds


@pytest.mark.parametrize("value", HOSTILE)
def test_no_api_query_parameter_fails_on_a_hostile_value(persona, signed_procedure, value):
    client = _api(persona, "attending")
    failures = []
    for path, name, schema in _query_parameters():
        response = client.get(path, {name: value})
        if response.status_code >= 500:
            failures.append(f"{path}?{name}={value}: {response.status_code}")
        if value == TOO_BIG and _is_number(schema) and response.status_code not in {403, 422}:
            failures.append(f"{path}?{name}={value}: {response.status_code}, expected 422")
    assert failures == []
