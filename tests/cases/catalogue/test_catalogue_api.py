"""The catalogue API: active entries by family or text, one entry by code."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_catalogue_is_listed_and_filtered(api_as, catalogue):
    client = api_as("referrer")
    listed = client.get("/api/v1/catalogue?family=venous_access").json()
    assert listed["count"] >= 5
    assert {i["family"] for i in listed["items"]} == {"venous_access"}
    assert client.get("/api/v1/catalogue/PCN").json()["bleeding_risk"] == "high"


def test_the_text_filter_looks_in_names_and_codes(api_as, catalogue):
    client = api_as("referrer")
    by_code = client.get("/api/v1/catalogue?q=pcn").json()
    assert "PCN" in {i["code"] for i in by_code["items"]}
    by_name = client.get("/api/v1/catalogue?q=nephrostomy").json()
    assert by_name["count"] >= 1
    assert all("nephrostomy" in i["name"].lower() for i in by_name["items"])


def test_a_withdrawn_entry_is_not_listed_nor_found(api_as, catalogue):
    from irsuite.cases.models import CatalogueEntry

    CatalogueEntry.objects.filter(code="PCN").update(active=False)
    client = api_as("referrer")
    assert "PCN" not in {
        i["code"] for i in client.get("/api/v1/catalogue?limit=500").json()["items"]
    }
    missing = client.get("/api/v1/catalogue/PCN")
    assert missing.status_code == 404 and "PCN" in missing.json()["error"]
