"""Each worklist shows readiness at a glance: work-up, labs, consent, checklist and dose
alerts as marks with words, not colour alone."""

import pytest
from django.urls import reverse

from irsuite.cases.hooks import Tone, readiness_of
from irsuite.safety.workup import services as workup

pytestmark = pytest.mark.django_db


def _marks(request_obj):
    return {m.what: m for m in readiness_of([request_obj])[request_obj.pk]}


def test_a_new_booking_reads_not_started_for_each_step(scheduled_request):
    marks = _marks(scheduled_request)
    assert marks["Work-up"].state == "not started" and marks["Work-up"].tone is Tone.TODO
    assert marks["Consent"].state == "not started"
    assert marks["Checklist"].state == "not started"
    assert marks["Labs"].state == "none"
    assert "Dose" not in marks


def test_an_overridden_workup_reads_overridden(scheduled_request, persona):
    found = workup.start_workup(scheduled_request, by=persona("nurse"))
    workup.override_gate(found, "Emergency drainage", by=persona("attending"))
    assert _marks(scheduled_request)["Work-up"].state == "overridden"


def test_the_worklist_shows_the_marks_in_words(scheduled_request, client_as):
    day = scheduled_request.scheduled_start.date().isoformat()
    body = client_as("nurse").get(reverse("cases:worklist"), {"date": day}).content.decode()
    assert "Work-up: not started" in body
    assert "Consent: not started" in body and "Checklist: not started" in body


def test_the_request_list_shows_the_marks_in_words(scheduled_request, client_as):
    body = client_as("scheduler").get(reverse("cases:requests")).content.decode()
    assert "Work-up: not started" in body
