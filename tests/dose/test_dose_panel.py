"""The dose panel on the procedure page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_procedure_page_shows_the_dose_panel(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    url = reverse("cases:procedure", args=[linked_hot_study.procedure_id])
    html = client_as("attending").get(url).content.decode()
    assert 'id="dose-panel-h"' in html and "6,000 mGy" in html
    nurse = client_as("nurse").get(url).content.decode()
    assert 'id="dose-panel-h"' not in nurse  # the studies' panel is for those who see dose
    assert "6,000 mGy" in nurse and "dose report" in nurse  # the record's own
