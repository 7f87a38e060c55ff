"""Dose alerts in words and units: the patient letter, the alerts page, overdue skin checks."""

from __future__ import annotations

import datetime as dt

import pytest
import weasyprint
from django.urls import reverse
from django.utils import timezone

from irsuite.dose.alerts.models import DoseAlert
from irsuite.outcomes.followup.models import FollowUpTask

pytestmark = pytest.mark.django_db


def test_an_alert_says_its_quantity_value_and_level_with_units(linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    alert = DoseAlert.objects.get(quantity="ka_r_mgy")
    assert alert.quantity_label == "Ka,r"
    assert alert.sentence.startswith("Ka,r 6,000 mGy, above the ")
    assert alert.sentence.endswith(" mGy level")


def test_the_patient_letter_gives_units(client_as, linked_hot_study, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    written: list[str] = []

    class Capture:
        def __init__(self, string: str, base_url: str = "") -> None:
            written.append(string)

        def write_pdf(self) -> bytes:
            return b"%PDF-capture"

    monkeypatch.setattr(weasyprint, "HTML", Capture)
    alert = DoseAlert.objects.get(quantity="ka_r_mgy")
    client_as("physicist").get(reverse("dose:letter", args=[alert.pk]))
    letter = written[0]
    assert "Ka,r 6,000 mGy, above the" in letter
    assert "ka_r_mgy" not in letter


def test_the_alerts_page_shows_labels_and_units_not_keys(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    body = client_as("physicist").get(reverse("dose:alerts")).content.decode()
    assert "6,000 mGy" in body
    assert "(ka_r_mgy)" not in body and "(Ka,r)" in body


def test_an_overdue_skin_check_is_flagged_overdue(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    task_ids = DoseAlert.objects.exclude(follow_up_task=None).values("follow_up_task")
    long_ago = timezone.localdate() - dt.timedelta(days=120)
    FollowUpTask.objects.filter(pk__in=task_ids).update(due_date=long_ago)
    body = client_as("physicist").get(reverse("dose:alerts")).content.decode()
    assert "overdue" in body


def test_a_patient_with_an_open_dose_alert_is_marked_on_the_worklists(linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    from irsuite.cases.hooks import readiness_of

    request_obj = linked_hot_study.procedure.request
    marks = readiness_of([request_obj])[request_obj.pk]
    assert any(m.what == "Dose" and m.state == "open alert" for m in marks)
