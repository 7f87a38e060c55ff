"""The alerts page: acknowledging an alert, and the patient letter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from irsuite.dose.alerts.models import AlertStatus, DoseAlert

pytestmark = pytest.mark.django_db


def test_an_alert_is_acknowledged_from_the_alerts_page(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    alert = DoseAlert.objects.get()
    client_as("physicist").post(reverse("dose:advance", args=[alert.pk]), {"to": "acknowledged"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED


def test_the_patient_letter_is_a_pdf(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    alert = DoseAlert.objects.get()
    response = client_as("physicist").get(reverse("dose:letter", args=[alert.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
