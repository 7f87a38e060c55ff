"""POST /api/v1/safety/bleeding-risk and GET /api/v1/safety/workups/{id}."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

URL = "/api/v1/safety/bleeding-risk"


def body(**changes: Any) -> dict[str, Any]:
    now = timezone.now()
    payload: dict[str, Any] = {
        "procedure": "PCN",
        "arterial_sheath_fr": None,
        "scheduled_at": (now + dt.timedelta(days=5)).isoformat(),
        "labs": {
            "inr": 1.1,
            "platelets_10e9_per_l": 210,
            "taken_at": (now - dt.timedelta(hours=2)).isoformat(),
        },
        "medications": [
            {
                "drug": "Eliquis",
                "dose": "5 mg twice daily",
                "last_dose_at": (now - dt.timedelta(hours=3)).isoformat(),
            }
        ],
        "crcl_ml_min": 70,
        "chronic_liver_disease": False,
    }
    payload.update(changes)
    return payload


def post(client: Client, payload: dict[str, Any]) -> Any:
    return client.post(URL, data=json.dumps(payload), content_type="application/json")


def test_it_plans_a_two_day_apixaban_hold_before_a_nephrostomy(catalogue, api_as) -> None:  # type: ignore[no-untyped-def]
    response = post(api_as("attending"), body())
    assert response.status_code == 200, response.content
    plan = response.json()
    assert set(plan) == {"risk_class", "cleared", "holds", "actions", "reasons"}
    assert plan["risk_class"] == "high"
    assert plan["cleared"] is True
    (hold,) = plan["holds"]
    assert set(hold) == {"drug", "hold_from", "resume_after", "rule", "source"}
    assert hold["drug"] == "apixaban"
    start = dt.datetime.fromisoformat(body()["scheduled_at"])
    hold_from = dt.datetime.fromisoformat(hold["hold_from"])
    assert hold_from.date() == start.date() - dt.timedelta(days=2)
    assert "unverified" in hold["source"]
    assert any("rule: labs.high" in line for line in plan["reasons"])


def test_an_arterial_case_with_a_seven_french_sheath_is_left_to_the_operator(
    catalogue,
    api_as,  # type: ignore[no-untyped-def]
) -> None:
    from irsuite.cases.models import CatalogueEntry

    code = (
        CatalogueEntry.objects.filter(bleeding_risk="by_sheath")
        .values_list("code", flat=True)
        .first()
    )
    assert code, "the catalogue has sheath-decided arterial entries"
    plan = post(
        api_as("fellow"), body(procedure=code, arterial_sheath_fr=7.0, medications=[])
    ).json()
    assert plan["risk_class"] == "operator-decides"
    assert plan["cleared"] is False


def test_it_names_an_unknown_drug(catalogue, api_as) -> None:  # type: ignore[no-untyped-def]
    response = post(api_as("attending"), body(medications=[{"drug": "Warfarine"}]))
    assert response.status_code == 422
    assert "Warfarine" in response.json()["error"]


def test_it_names_an_unknown_catalogue_code(catalogue, api_as) -> None:  # type: ignore[no-untyped-def]
    response = post(api_as("attending"), body(procedure="NOPE-1"))
    assert response.status_code == 422
    assert "NOPE-1" in response.json()["error"]


def test_it_refuses_an_implausible_inr_saying_which_field(catalogue, api_as) -> None:  # type: ignore[no-untyped-def]
    labs = {"inr": 45, "platelets_10e9_per_l": 200, "taken_at": None}
    response = post(api_as("nurse"), body(labs=labs))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "labs.inr"


def test_it_refuses_a_scheduled_time_in_the_past(catalogue, api_as) -> None:  # type: ignore[no-untyped-def]
    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    response = post(api_as("attending"), body(scheduled_at=past))
    assert response.status_code == 422
    assert "in the past" in response.json()["error"]


@pytest.mark.parametrize("role", ["coder", "researcher", "referrer", "physicist"])
def test_roles_without_work_up_rights_get_403(catalogue, api_as, role: str) -> None:  # type: ignore[no-untyped-def]
    assert post(api_as(role), body()).status_code == 403


def test_an_anonymous_caller_gets_401(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert post(Client(), body()).status_code == 401


def test_it_returns_a_stored_work_up_with_its_plan(
    catalogue,
    vetted_request,
    room,
    persona,
    api_as,  # type: ignore[no-untyped-def]
) -> None:
    from irsuite.cases.requests import services
    from irsuite.safety.workup import services as svc

    start = timezone.now() + dt.timedelta(days=4)
    services.schedule_request(vetted_request, room=room, start=start, by=persona("scheduler"))
    nurse = persona("nurse")
    workup = svc.start_workup(vetted_request, by=nurse)
    svc.add_medication(workup, "clopidogrel", by=nurse)
    response = api_as("nurse").get(f"/api/v1/safety/workups/{vetted_request.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["medications"][0]["drug_id"] == "clopidogrel"
    assert data["plan"]["holds"][0]["drug"] == "clopidogrel"
    assert data["plan"]["cleared"] is False  # high risk, no labs yet
    assert api_as("coder").get(f"/api/v1/safety/workups/{vetted_request.pk}").status_code == 403
