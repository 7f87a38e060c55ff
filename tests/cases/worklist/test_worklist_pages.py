"""The worklist of a day by room, and the list of requests."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_worklist_shows_the_days_cases_by_room(client_as, scheduled_request):
    day = scheduled_request.scheduled_start.date().isoformat()
    page = client_as("nurse").get(reverse("cases:worklist") + f"?date={day}")
    html = page.content.decode()
    assert "Angio 1" in html and "Percutaneous nephrostomy" in html and "EXAMPLE" in html


def test_the_worklist_filter_answers_htmx_with_the_fragment(client_as, scheduled_request):
    day = scheduled_request.scheduled_start.date().isoformat()
    page = client_as("nurse").get(
        reverse("cases:worklist") + f"?date={day}&status=completed", headers={"HX-Request": "true"}
    )
    html = page.content.decode()
    assert "<html" not in html and 'id="worklist"' in html and "0 cases" in html


def test_an_unreadable_date_shows_today(client_as):
    page = client_as("nurse").get(reverse("cases:worklist") + "?date=not-a-date")
    assert page.status_code == 200 and page.context["day"] == timezone.localdate()


def test_the_request_list_filters_by_status(client_as, new_request):
    client = client_as("attending")
    listed = client.get(reverse("cases:requests") + "?status=requested")
    assert [r.pk for r in listed.context["page"]] == [new_request.pk]
    assert list(client.get(reverse("cases:requests") + "?status=vetted").context["page"]) == []


def test_a_referrer_lists_only_their_own_requests(client_as, new_request):
    own = client_as("referrer").get(reverse("cases:requests"))
    other = client_as("referrer", "referrer2").get(reverse("cases:requests"))
    assert [r.pk for r in own.context["page"]] == [new_request.pk]
    assert list(other.context["page"]) == []
