"""The physicist's studies list: procedure, patient and operator columns, search and filters,
and units on every dose number."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_studies_list_names_procedure_patient_and_operator(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    body = client_as("physicist").get(reverse("dose:index")).content.decode()
    procedure = linked_hot_study.procedure
    assert reverse("cases:procedure", args=[procedure.pk]) in body
    assert procedure.request.catalogue_entry.name in body
    assert reverse("patients:detail", args=[procedure.request.patient_id]) in body
    assert "Dr Attending Test" in body
    assert "6,000 mGy" in body
    assert linked_hot_study.get_link_method_display() not in body.split("Procedure")[1][:40]


def test_the_studies_list_is_searched_by_mrn_and_filtered(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    physicist = client_as("physicist")
    url = reverse("dose:index")
    study_link = reverse("dose:study", args=[linked_hot_study.pk])
    assert study_link in physicist.get(url, {"q": "SBH0000001"}).content.decode()
    assert study_link not in physicist.get(url, {"q": "NOBODY"}).content.decode()
    assert study_link not in physicist.get(url, {"linked": "no"}).content.decode()
    assert study_link in physicist.get(url, {"kind": "projection_xray"}).content.decode()


def test_a_study_links_to_its_patient_and_procedure(client_as, linked_hot_study) -> None:  # type: ignore[no-untyped-def]
    body = client_as("physicist").get(reverse("dose:study", args=[linked_hot_study.pk]))
    text = body.content.decode()
    assert reverse("cases:procedure", args=[linked_hot_study.procedure_id]) in text
    assert 'class="patient-banner"' in text
    assert "6,000 mGy" in text
