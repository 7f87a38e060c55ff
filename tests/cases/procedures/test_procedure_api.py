"""The procedures API: lists and filters, identifiers by role, edits, team, access, devices."""

from __future__ import annotations

import pytest

from irsuite.cases.models import Procedure
from irsuite.cases.procedures import services as ps
from irsuite.cases.procedures.queries import procedure_rows
from irsuite.cases.procedures.schemas import ProcedureOut, procedure_out

pytestmark = pytest.mark.django_db


def test_procedures_list_pages_and_filters(api_as, signed_procedure, room):
    client = api_as("attending")
    day = signed_procedure.day.isoformat()
    url = f"/api/v1/procedures?limit=50&date={day}&site=sbh&room={room.pk}&status=signed"
    listed = client.get(url).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == signed_procedure.pk
    item = listed["items"][0]
    assert item["entries"] == ["PCN"] and item["team"][0]["role"]
    assert item["patient"]["mrn"] == "SBH0000001"
    assert client.get("/api/v1/procedures?status=draft").json()["count"] == 0


def test_a_researcher_reads_procedures_only_through_the_research_api(api_as, signed_procedure):
    researcher = api_as("researcher")
    assert researcher.get("/api/v1/procedures").status_code == 403
    assert (
        researcher.get(f"/api/v1/patients/{signed_procedure.request.patient_id}").status_code == 403
    )
    item = researcher.get("/api/v1/research/procedures").json()["items"][0]
    assert item["patient"].startswith("R-")


def test_a_stale_patch_is_409(api_as, open_procedure):
    client = api_as("attending")
    url = f"/api/v1/procedures/{open_procedure.pk}"
    first = client.patch(
        url, {"version": open_procedure.version, "findings": "a"}, content_type="application/json"
    )
    assert first.status_code == 200
    second = client.patch(
        url, {"version": open_procedure.version, "findings": "b"}, content_type="application/json"
    )
    assert second.status_code == 409
    assert "Reload" in second.json()["error"]


def test_a_fellow_cannot_sign_over_the_api(api_as, open_procedure):
    response = api_as("fellow").post(f"/api/v1/procedures/{open_procedure.pk}/sign")
    assert response.status_code == 403


def test_team_access_and_devices_are_recorded_over_the_api(api_as, open_procedure, persona):
    client = api_as("fellow")
    url = f"/api/v1/procedures/{open_procedure.pk}"
    assert (
        client.post(
            f"{url}/access-sites",
            {"kind": "non_vascular", "site": "left flank"},
            content_type="application/json",
        ).status_code
        == 201
    )
    bad = client.post(
        f"{url}/access-sites",
        {"kind": "arterial", "site": "CFA", "sheath_fr": 45},
        content_type="application/json",
    )
    assert bad.status_code == 422
    added = client.post(
        f"{url}/devices",
        {"kind": "catheter", "name": "8 F nephrostomy", "lot": "L1"},
        content_type="application/json",
    )
    assert added.json()["devices"][0]["lot"] == "L1"


def test_the_list_rows_match_the_detail_serialiser(api_as, signed_procedure, persona):

    ps.add_addendum(signed_procedure, text="x", by=persona("attending"))
    for identified in (True, False):
        listed = procedure_rows(Procedure.objects.all(), identified)[0]
        detail = procedure_out(Procedure.objects.get(), identified)
        assert ProcedureOut(**listed).model_dump() == ProcedureOut(**detail).model_dump()


def test_a_patch_beyond_the_contrast_limit_is_422(api_as, open_procedure):
    from irsuite.cases import reference

    response = api_as("attending").patch(
        f"/api/v1/procedures/{open_procedure.pk}",
        {"version": open_procedure.version, "contrast_ml": reference.contrast_ml().high + 1},
        content_type="application/json",
    )
    assert response.status_code == 422 and "contrast_ml" in response.json()["error"]


def test_a_null_findings_patch_clears_the_findings(api_as, open_procedure):
    client = api_as("attending")
    url = f"/api/v1/procedures/{open_procedure.pk}"
    first = client.patch(
        url,
        {"version": open_procedure.version, "findings": "Dilated"},
        content_type="application/json",
    )
    cleared = client.patch(
        url, {"version": first.json()["version"], "findings": None}, content_type="application/json"
    )
    assert cleared.status_code == 200 and cleared.json()["findings"] == ""
