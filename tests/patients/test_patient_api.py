"""The patients API: registration, duplicates, reads that are chart views, search by MRN."""

from __future__ import annotations

import pytest

from irsuite.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

NEW = {
    "site": "sbh",
    "mrn": "SBH0000009",
    "given_name": "Cy",
    "family_name": "Sample",
    "birth_date": "1944-04-04",
    "sex": "F",
}


def test_a_patient_is_registered_over_the_api_with_the_mrn(api_as, site):
    response = api_as("scheduler").post("/api/v1/patients", NEW, content_type="application/json")
    assert response.status_code == 201
    made = response.json()
    assert made["identifiers"] == [{"type": "MR", "site": "sbh", "value": "SBH0000009"}]
    assert AuditEvent.objects.get(action=AuditAction.CREATE).channel == "api"


def test_a_duplicate_mrn_over_the_api_is_409(api_as, patient):
    response = api_as("scheduler").post(
        "/api/v1/patients", {**NEW, "mrn": "SBH0000001"}, content_type="application/json"
    )
    assert response.status_code == 409 and "open that patient instead" in response.json()["error"]


def test_an_identified_read_is_a_chart_view(api_as, patient):
    record = api_as("nurse").get(f"/api/v1/patients/{patient.pk}").json()
    assert record["family_name"] == "Example"
    assert AuditEvent.objects.get(action=AuditAction.VIEW).channel == "api"


def test_the_list_finds_a_patient_by_mrn(api_as, patient, other_site):
    listed = api_as("nurse").get("/api/v1/patients", {"mrn": "SBH0000001"}).json()
    assert [p["id"] for p in listed["items"]] == [patient.pk] and listed["count"] == 1


def test_a_referrer_cannot_register_patients_or_learn_of_a_duplicate_mrn(api_as, patient):
    response = api_as("referrer").post(
        "/api/v1/patients",
        {**NEW, "mrn": patient.identifiers.get().value},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert patient.identifiers.get().value not in response.content.decode()
