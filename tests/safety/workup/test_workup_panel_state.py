"""The request page's work-up panel says the work-up's real state."""

import pytest
from django.urls import reverse

from irsuite.safety.workup import services as workup

pytestmark = pytest.mark.django_db


def _panel(client, request_id) -> str:
    body = client.get(reverse("cases:request", args=[request_id])).content.decode()
    start = body.index('id="workup-panel-title"')
    return body[start : body.index("</section>", start)]


def test_the_request_page_shows_the_workups_real_state(new_request, persona, client_as):
    attending = client_as("attending")
    assert "Not started." in _panel(attending, new_request.pk)
    started = workup.start_workup(new_request, by=persona("nurse"))
    in_progress = _panel(attending, new_request.pk)
    assert "Not started." not in in_progress and "Not ready" in in_progress
    workup.override_gate(started, "Emergency drainage", by=persona("attending"))
    overridden = _panel(attending, new_request.pk)
    assert "Not started." not in overridden and "(overridden)" in overridden
