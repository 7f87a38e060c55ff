"""The request pages: intake, the request page, and the actions each role may take."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from irsuite.cases.models import CatalogueEntry, Request, RequestStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["cases:request_vet", "cases:request_schedule", "cases:request_start"]
)
def test_action_posts_refuse_roles_without_the_right(name, client_as, vetted_request):
    response = client_as("coder").post(reverse(name, kwargs={"pk": vetted_request.pk}))
    assert response.status_code == 403


def test_a_referrer_cannot_open_someone_elses_request(client_as, new_request):
    response = client_as("referrer", "referrer2").get(
        reverse("cases:request", kwargs={"pk": new_request.pk})
    )
    assert response.status_code == 404


def test_intake_registers_a_new_patient_and_records_the_request(client_as, site, catalogue):
    entry = CatalogueEntry.objects.get(code="PCN")
    response = client_as("referrer").post(
        reverse("cases:request_new"),
        {
            "site": site.pk,
            "mrn": "SBH7654321",
            "given_name": "Bo",
            "family_name": "Tester",
            "birth_date": "1950-02-03",
            "sex": "M",
            "catalogue_entry": entry.pk,
            "indication": "Hydronephrosis",
            "icd10_codes": "N13.30",
            "priority": "urgent",
        },
    )
    assert response.status_code == 302
    made = Request.objects.get()
    assert made.patient.family_name == "Tester" and made.icd10_codes == ["N13.30"]


def test_intake_says_what_to_fix(client_as, site, catalogue):
    entry = CatalogueEntry.objects.get(code="PCN")
    response = client_as("referrer").post(
        reverse("cases:request_new"),
        {
            "site": site.pk,
            "mrn": "SBH7654321",
            "catalogue_entry": entry.pk,
            "indication": "x",
            "icd10_codes": "banana",
            "priority": "routine",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Not an ICD-10-CM code: banana" in html


def test_vetting_from_the_page_accepts_the_request(client_as, new_request):
    url = reverse("cases:request_vet", kwargs={"pk": new_request.pk})
    response = client_as("attending").post(url, {"decision": "accept", "note": "Agree"})
    assert response.status_code == 302
    new_request.refresh_from_db()
    assert new_request.status == RequestStatus.VETTED
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Vetting recorded."]


def test_rejecting_without_a_reason_says_why_and_changes_nothing(client_as, new_request):
    url = reverse("cases:request_vet", kwargs={"pk": new_request.pk})
    response = client_as("attending").post(url, {"decision": "reject"})
    new_request.refresh_from_db()
    assert new_request.status == RequestStatus.REQUESTED
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Say why the request is rejected."
    ]


def test_booking_without_a_room_asks_for_one(client_as, vetted_request):
    url = reverse("cases:request_schedule", kwargs={"pk": vetted_request.pk})
    response = client_as("scheduler").post(url, {})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose a room and a start time to book the request."
    ]


def test_a_refused_transition_is_shown_as_a_message(client_as, new_request):
    url = reverse("cases:request_transition", kwargs={"pk": new_request.pk, "status": "cancelled"})
    response = client_as("attending").post(url, {"reason": ""})
    new_request.refresh_from_db()
    assert new_request.status == RequestStatus.REQUESTED
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Give a reason when rejecting or cancelling a request."]


def test_starting_without_consent_and_time_out_is_refused_with_what_is_missing(
    client_as, ready_request
):
    client = client_as("attending")
    response = client.post(reverse("cases:request_start", kwargs={"pk": ready_request.pk}))
    ready_request.refresh_from_db()
    assert response.status_code == 302
    assert ready_request.status == "ready"
    page = client.get(response["Location"]).content.decode()
    assert "consent is not signed" in page
    assert "time-out is not done" in page


def test_starting_a_ready_request_opens_its_procedure_page(client_as, ready_request):
    response = client_as("attending").post(
        reverse("cases:request_start", kwargs={"pk": ready_request.pk}),
        {"override_reason": "Ruptured aneurysm, no time for the checklist"},
    )
    ready_request.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "cases:procedure", kwargs={"pk": ready_request.procedure.pk}
    )


def test_starting_a_request_not_ready_stays_on_the_request_page(client_as, scheduled_request):
    url = reverse("cases:request_start", kwargs={"pk": scheduled_request.pk})
    response = client_as("attending").post(url)
    assert response["Location"] == reverse("cases:request", kwargs={"pk": scheduled_request.pk})
    assert "cannot become in progress" in str(next(iter(get_messages(response.wsgi_request))))
