"""The patient search and the patient page, with the panels other areas add to it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.patients.hooks import PATIENT_PANELS
from irsuite.people.roles import Capability, StaffRole, capabilities_of

pytestmark = pytest.mark.django_db


def detail_url(patient) -> str:  # type: ignore[no-untyped-def]
    return reverse("patients:detail", kwargs={"pk": patient.pk})


@pytest.mark.parametrize("role", StaffRole.values)
def test_only_roles_that_see_patients_open_the_search_and_the_chart(role, client_as, patient):
    held = capabilities_of(role)
    expected = 200 if Capability.VIEW_PATIENTS in held else 403
    client = client_as(role)
    assert client.get(reverse("patients:search")).status_code == expected
    # A referrer opens only the charts of patients they referred: this one is not theirs.
    chart = 404 if Capability.VIEW_OWN_REQUESTS in held else expected
    assert client.get(detail_url(patient)).status_code == chart


def test_an_anonymous_visitor_is_sent_to_login(patient):
    response = Client().get(detail_url(patient))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_opening_a_chart_is_audited(client_as, patient, persona):
    client_as("nurse").get(detail_url(patient))
    event = AuditEvent.objects.get(action=AuditAction.VIEW, patient_id=patient.pk)
    assert event.actor == persona("nurse") and event.channel == "web"


def test_a_refused_visitor_leaves_no_chart_view(client_as, patient):
    assert Capability.VIEW_PATIENTS not in capabilities_of("researcher")
    assert client_as("researcher").get(detail_url(patient)).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_the_cases_app_adds_the_timeline_panel_to_the_patient_page():
    assert "timeline" in [panel.name for panel in PATIENT_PANELS]


def test_the_patient_page_shows_the_timeline_of_requests_and_procedures(client_as, open_procedure):
    from django.utils import timezone

    open_procedure.in_room_at = timezone.now()
    open_procedure.save(update_fields=["in_room_at"])
    page = client_as("nurse").get(detail_url(open_procedure.request.patient))
    html = page.content.decode()
    assert "<h2>Timeline</h2>" in html
    assert reverse("cases:request", args=[open_procedure.request.pk]) in html
    assert reverse("cases:procedure", args=[open_procedure.pk]) in html


def test_a_patient_with_nothing_recorded_has_an_empty_timeline(client_as, patient):
    html = client_as("nurse").get(detail_url(patient)).content.decode()
    assert "<h2>Timeline</h2>" in html and "Nothing recorded yet." in html


@pytest.mark.parametrize("query", ["SBH0000001", "exam", "EXAMPLE"])
def test_the_search_finds_a_patient_by_mrn_or_family_name(client_as, patient, query):
    page = client_as("nurse").get(reverse("patients:search"), {"q": query})
    assert list(page.context["results"]) == [patient]


def test_a_search_with_no_match_says_so(client_as, patient):
    page = client_as("nurse").get(reverse("patients:search"), {"q": "Nobody"})
    assert list(page.context["results"]) == [] and "No patient matches" in page.content.decode()
