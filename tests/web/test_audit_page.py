"""The audit page: who looked at a patient, what a user did; only for VIEW_AUDIT holders."""

import pytest

from irsuite.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_a_chart_view_appears_in_the_patients_access_report(client_as, patient):
    client_as("nurse").get(f"/patients/{patient.pk}/")
    page = client_as("quality_lead").get(f"/audit/?patient={patient.pk}").content.decode()
    assert "nurse" in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, patient_id=patient.pk).exists()


@pytest.mark.parametrize("role", ["attending", "nurse", "referrer", "researcher", "coder"])
def test_roles_without_the_right_cannot_read_the_log(client_as, role):
    assert client_as(role).get("/audit/").status_code == 403


def test_the_log_downloads_as_inert_csv_and_the_export_is_recorded(client_as, persona):
    AuditEvent.objects.create(action=AuditAction.CHANGE, object_type="x", summary="=1+1")
    response = client_as("admin").get("/audit/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=1+1" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, summary="audit log exported"
    ).exists()


def test_reading_the_log_is_itself_recorded(client_as):
    client_as("admin").get("/audit/?action=login")
    assert AuditEvent.objects.filter(summary="audit log read").exists()
