"""The requests API: who sees which requests, the workflow over the API, clear errors."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_referrer_sees_only_their_own_requests(api_as, new_request, persona, catalogue):
    own = api_as("referrer").get("/api/v1/requests").json()
    assert own["count"] == 1
    other = api_as("referrer", "referrer2").get("/api/v1/requests").json()
    assert other["count"] == 0
    assert (
        api_as("referrer", "referrer2").get(f"/api/v1/requests/{new_request.pk}").status_code == 404
    )


def test_a_request_goes_through_its_workflow_over_the_api(api_as, patient, room, catalogue):
    referrer, attending = api_as("referrer"), api_as("attending")
    created = referrer.post(
        "/api/v1/requests",
        {
            "patient": {
                "mrn": "SBH0000001",
                "given_name": "Ada",
                "family_name": "Example",
                "birth_date": "1960-05-17",
            },
            "site": "sbh",
            "catalogue_code": "PICC",
            "indication": "Six weeks of antibiotics",
            "icd10_codes": ["T80.211A"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    vetted = attending.post(
        f"/api/v1/requests/{pk}/vet",
        {"accept": True, "note": "ok"},
        content_type="application/json",
    )
    assert vetted.json()["status"] == "vetted"
    booked = api_as("scheduler").post(
        f"/api/v1/requests/{pk}/schedule",
        {"room_id": room.pk, "start": "2026-11-23T10:00:00Z"},
        content_type="application/json",
    )
    assert booked.json()["status"] == "scheduled"
    refused = attending.post(
        f"/api/v1/requests/{pk}/transitions", {"to": "ready"}, content_type="application/json"
    )
    assert refused.status_code == 409
    assert "bleeding-risk plan is not cleared" in refused.json()["error"]
    ready = attending.post(
        f"/api/v1/requests/{pk}/transitions",
        {"to": "ready", "reason": "Line needed today; no anticoagulant"},
        content_type="application/json",
    )
    assert ready.json()["status"] == "ready"
    gated = attending.post(f"/api/v1/requests/{pk}/procedure")
    assert gated.status_code == 409
    assert gated.json()["detail"]["problems"] == [
        "the patient's consent is not signed",
        "the checklist's sign-in is not done",
        "the checklist's time-out is not done",
    ]
    started = attending.post(
        f"/api/v1/requests/{pk}/procedure?override_reason=Bleeding+out,+no+time+for+the+checklist"
    )
    assert started.status_code == 201 and started.json()["status"] == "draft"


def test_an_unknown_catalogue_code_is_404_with_a_message(api_as, patient, catalogue):
    response = api_as("attending").post(
        "/api/v1/requests",
        {"patient_id": patient.pk, "site": "sbh", "catalogue_code": "NOPE", "indication": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert "NOPE" in response.json()["error"]


def test_the_request_list_filters_by_status_priority_and_day(api_as, scheduled_request):
    client = api_as("attending")
    day = scheduled_request.scheduled_start.date().isoformat()
    assert (
        client.get(f"/api/v1/requests?status=scheduled&priority=urgent&date={day}").json()["count"]
        == 1
    )
    assert client.get("/api/v1/requests?status=requested").json()["count"] == 0
    assert client.get("/api/v1/requests?priority=routine").json()["count"] == 0
    assert client.get("/api/v1/requests?date=2001-01-01").json()["count"] == 0


def refer(client, patient_fields: dict, **extra):
    body = {"site": "sbh", "catalogue_code": "PICC", "indication": "Antibiotics", **extra}
    return client.post(
        "/api/v1/requests", {**body, **patient_fields}, content_type="application/json"
    )


def test_a_referrer_cannot_learn_a_patients_identity_by_trying_ids(api_as, patient, catalogue):
    response = refer(api_as("referrer"), {"patient_id": patient.pk})
    missing = refer(api_as("referrer"), {"patient_id": 10**9})
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    assert "Example" not in response.content.decode()


def test_identifiers_that_do_not_all_match_register_a_patient_to_reconcile(
    api_as, patient, catalogue
):
    guess = {
        "mrn": "SBH0000001",
        "given_name": "X",
        "family_name": "Guess",
        "birth_date": "1970-01-01",
    }
    response = refer(api_as("referrer"), {"patient": guess})
    assert response.status_code == 201
    shown = response.json()["patient"]
    assert "Example" not in response.content.decode() and "Ada" not in shown["name"]
    assert shown["name"] == "GUESS, X"
    from irsuite.patients.models import Patient

    created = Patient.objects.get(pk=shown["id"])
    assert created.pk != patient.pk
    assert created.needs_reconciliation and created.claimed_mrn == "SBH0000001"


def test_identifiers_that_all_match_find_the_chart(api_as, patient, catalogue):
    known = {
        "mrn": "SBH0000001",
        "given_name": "Ada",
        "family_name": "EXAMPLE",
        "birth_date": "1960-05-17",
    }
    response = refer(api_as("referrer"), {"patient": known})
    assert response.json()["patient"]["id"] == patient.pk


def test_a_referrer_names_their_own_patient_by_id_later(api_as, new_request, catalogue):
    again = refer(api_as("referrer"), {"patient_id": new_request.patient_id})
    assert again.status_code == 201


def test_a_nurse_cannot_complete_an_unsigned_case(api_as, open_procedure):
    nurse = api_as("nurse")
    url = f"/api/v1/requests/{open_procedure.request_id}/transitions"
    for target in ("in_progress", "completed"):
        response = nurse.post(url, {"to": target}, content_type="application/json")
        assert response.status_code == 409, target
    open_procedure.request.refresh_from_db()
    assert open_procedure.request.status == "in_progress"


def test_even_an_attending_completes_a_request_only_by_signing(api_as, open_procedure):
    url = f"/api/v1/requests/{open_procedure.request_id}/transitions"
    response = api_as("attending").post(url, {"to": "completed"}, content_type="application/json")
    assert response.status_code == 409
    assert "signs its procedure" in response.json()["error"]


@pytest.mark.parametrize(
    ("role", "target"),
    [("nurse", "vetted"), ("technologist", "rejected"), ("referrer", "rejected")],
)
def test_each_move_by_hand_needs_its_own_capability(api_as, new_request, role, target):
    url = f"/api/v1/requests/{new_request.pk}/transitions"
    response = api_as(role).post(
        url, {"to": target, "reason": "x"}, content_type="application/json"
    )
    assert response.status_code in (403, 404)
    new_request.refresh_from_db()
    assert new_request.status == "requested"
