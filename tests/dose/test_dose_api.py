"""The dose API: studies with their events and alerts, for dose roles only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_lists_studies_with_events_for_dose_roles_only(
    api_as, client, linked_hot_study
) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/dose/studies").status_code == 401
    assert api_as("coder").get("/api/v1/dose/studies").status_code == 403
    body = api_as("physicist").get("/api/v1/dose/studies").json()
    assert body["count"] == 1 and body["items"][0]["ka_r_mgy"] == pytest.approx(6000)
    detail = api_as("physicist").get(f"/api/v1/dose/studies/{linked_hot_study.pk}").json()
    assert len(detail["events"]) == 8
    alerts = api_as("attending").get("/api/v1/dose/alerts").json()
    assert alerts["items"][0]["quantity"] == "ka_r_mgy"
