"""The work-up page: what a clinician reads and signs, and who may open it."""

from __future__ import annotations

import datetime as dt

import pytest
import test_workup_helpers as helpers
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from irsuite.safety.workup.models import WorkUp

pytestmark = pytest.mark.usefixtures("gate")
booked_request = helpers.booked_request
gate = helpers.gate


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_nurse_works_up_a_case_and_reads_the_plan(booked_request, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("nurse")
    pk = booked_request.pk
    assert client.post(reverse("safety:workup-start", args=[pk])).status_code == 302
    client.post(
        reverse("safety:workup-medication", args=[pk]),
        {"drug": "Warfarin", "dose": "5 mg", "last_dose_at": local(timezone.now())},
    )
    client.post(
        reverse("safety:workup-lab", args=[pk]),
        {"kind": "inr", "value": "2.4", "taken_at": local(timezone.now())},
    )
    client.post(
        reverse("safety:workup-assessment", args=[pk]),
        {
            "asa_class": "III",
            "asa_emergency": "on",
            "sedation_plan": "moderate",
            "fasting_status": "fasted",
            "pregnancy_status": "not_applicable",
            "arterial_access": "",
            "contrast_allergy": "on",
        },
    )
    page = client.get(reverse("safety:workup", args=[pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Warfarin" in html and "Withhold 5 days" in html
    assert "Correct the INR (2.4) to 1.8 or below" in html
    assert "unverified" in html
    assert "IIIE" in html
    edit = client.get(reverse("safety:workup-edit", args=[pk]))
    assert edit.status_code == 200 and "Save the assessment" in edit.content.decode()
    assert "Contrast premedication" in html
    workup = WorkUp.objects.get(request=booked_request)
    assert workup.asa_class == "III" and workup.asa_emergency


def test_an_unknown_drug_is_shown_as_an_error_and_not_saved(booked_request, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("fellow")
    pk = booked_request.pk
    client.post(reverse("safety:workup-start", args=[pk]))
    response = client.post(
        reverse("safety:workup-medication", args=[pk]), {"drug": "Warfarine"}, follow=True
    )
    assert "Unknown drug &#x27;Warfarine&#x27;" in response.content.decode()
    assert not WorkUp.objects.get(request=booked_request).medications.exists()


def test_an_attending_overrides_from_the_page(booked_request, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("attending")
    pk = booked_request.pk
    client.post(reverse("safety:workup-start", args=[pk]))
    client.post(reverse("safety:workup-override", args=[pk]), {"reason": "Emergency drainage"})
    workup = WorkUp.objects.get(request=booked_request)
    assert workup.override_reason == "Emergency drainage"


def test_a_fellow_cannot_override_from_the_page(booked_request, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("fellow")
    pk = booked_request.pk
    client.post(reverse("safety:workup-start", args=[pk]))
    response = client.post(reverse("safety:workup-override", args=[pk]), {"reason": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["coder", "researcher", "referrer", "physicist"])
def test_roles_without_work_up_rights_get_403(booked_request, client_as, role: str) -> None:  # type: ignore[no-untyped-def]
    client = client_as(role)
    assert client.get(reverse("safety:workup", args=[booked_request.pk])).status_code == 403
    start = reverse("safety:workup-start", args=[booked_request.pk])
    assert client.post(start).status_code == 403
    edit = reverse("safety:workup-edit", args=[booked_request.pk])
    assert client.get(edit).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(booked_request) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("safety:workup", args=[booked_request.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]
