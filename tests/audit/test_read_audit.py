"""Every look at identified data is recorded by one mechanism: API lists record each patient
they showed, fetches of one object record its patient, refusals record nothing."""

import pytest

from irsuite.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def views_of(patient_id):
    return AuditEvent.objects.filter(action=AuditAction.VIEW, patient_id=patient_id)


def test_an_api_list_records_which_patients_it_showed(api_as, signed_procedure):
    patient = signed_procedure.request.patient_id
    before = views_of(patient).count()
    assert api_as("attending").get("/api/v1/procedures").status_code == 200
    assert views_of(patient).count() == before + 1
    assert views_of(patient).last().channel == "api"


def test_a_request_list_records_its_patients(api_as, new_request):
    before = views_of(new_request.patient_id).count()
    api_as("attending").get("/api/v1/requests")
    assert views_of(new_request.patient_id).count() == before + 1


def test_a_refused_read_records_nothing(api_as, new_request):
    before = AuditEvent.objects.filter(action=AuditAction.VIEW).count()
    assert api_as("referrer", "other").get(f"/api/v1/requests/{new_request.pk}").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.VIEW).count() == before


@pytest.mark.parametrize(
    "page",
    [
        "/cases/requests/{pk}/",
        "/safety/requests/{pk}/consent/",
        "/safety/requests/{pk}/checklist/",
        "/safety/requests/{pk}/sedation/",
        "/safety/workup/{pk}/",
    ],
)
def test_a_page_about_a_request_records_that_its_patient_was_seen(client_as, ready_request, page):
    before = views_of(ready_request.patient_id).count()
    response = client_as("attending").get(page.format(pk=ready_request.pk))
    assert response.status_code == 200
    assert views_of(ready_request.patient_id).count() == before + 1


def test_no_output_carries_a_pseudonym_made_from_the_patients_row_number(
    api_as, signed_procedure, settings
):
    patient = signed_procedure.request.patient
    shown = api_as("attending").get(f"/api/v1/procedures/{signed_procedure.pk}").json()
    assert shown["patient"]["research_id"] == patient.research_id
    assert patient.research_id not in {f"P{patient.pk}", f"R-{patient.pk}", str(patient.pk)}
    # Keyed: the same row under another research key gets another pseudonym.
    settings.RESEARCH_KEY = "another site's research key, long enough to be one"
    assert patient.research_id != shown["patient"]["research_id"]
