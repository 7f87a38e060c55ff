"""The catalogue browser: entries grouped by family, filtered, and one entry's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_catalogue_groups_entries_by_family(client_as, catalogue):
    page = client_as("nurse").get(reverse("cases:catalogue"))
    families = [family for family, _ in page.context["grouped"]]
    assert len(families) == len(set(families)) > 1
    assert page.context["count"] == sum(len(entries) for _, entries in page.context["grouped"])


def test_the_catalogue_filters_by_family_and_text(client_as, catalogue):
    client = client_as("nurse")
    venous = client.get(reverse("cases:catalogue") + "?family=venous_access")
    assert {e.family for _, entries in venous.context["grouped"] for e in entries} == {
        "venous_access"
    }
    found = client.get(reverse("cases:catalogue") + "?q=+PCN+")
    codes = {e.code for _, entries in found.context["grouped"] for e in entries}
    assert "PCN" in codes and found.context["q"] == "PCN"


def test_an_entry_page_shows_the_entry(client_as, catalogue):
    page = client_as("nurse").get(reverse("cases:catalogue_entry", kwargs={"code": "PCN"}))
    assert page.status_code == 200 and "Percutaneous nephrostomy" in page.content.decode()
    missing = client_as("nurse").get(reverse("cases:catalogue_entry", kwargs={"code": "NOPE"}))
    assert missing.status_code == 404


def test_the_catalogue_tables_are_in_the_admin():
    from django.contrib import admin

    from irsuite.cases.models import CatalogueEntry, CatalogueVersion

    assert admin.site.is_registered(CatalogueEntry) and admin.site.is_registered(CatalogueVersion)
