"""Researchers see no identifier: each of Safe Harbor's eighteen kinds is checked against
every page and API route the researcher role may open, on a case full of identifiers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from access_routes import api_routes, page_routes
from irsuite.cases.procedures import services as ps
from irsuite.domain.deidentify import SafeHarborIdentifier as K
from irsuite.patients.models import Patient, research_id_of
from irsuite.people.tokens import issue_token

# What of each kind the case below holds, or why irsuite stores none of that kind.
NAME, MRN, FREE_TEXT, LOT, UDI = "Quixotic", "MRNZQ4711", "Zebulon-note", "LOTQX81", "UDIQX8181"
BIRTH = dt.date(1931, 2, 3)  # over 89: even the birth year is an identifier
HELD: dict[K, list[str] | str] = {
    K.NAMES: [NAME, "Zebulon", "Attending"],  # the patient's and the staff's names
    K.GEOGRAPHIC: "irsuite stores no address of a patient",
    K.DATES: [BIRTH.isoformat(), "1931"],
    K.TELEPHONE: "irsuite stores no telephone number of a patient",
    K.FAX: "irsuite stores no fax number of a patient",
    K.EMAIL: ["attending@", "@irsuite.invalid"],
    K.SSN: "irsuite stores no social security number",
    K.MRN: [MRN],
    K.HEALTH_PLAN: "irsuite stores no health plan number",
    K.ACCOUNT: "irsuite stores no account number",
    K.LICENSE: "irsuite stores no certificate or licence number",
    K.VEHICLE: "irsuite stores no vehicle identifier",
    K.DEVICE: [LOT, UDI],
    K.URL: "irsuite stores no web address of a patient",
    K.IP: "irsuite stores no internet address of a patient",
    K.BIOMETRIC: "irsuite stores no biometric identifier",
    K.PHOTO: "irsuite stores no photograph of a patient",
    K.OTHER: [FREE_TEXT],  # accession numbers and free text are added by the fixture
}


def test_the_table_covers_all_eighteen_kinds():
    assert set(HELD) == set(K)


@pytest.fixture
def identified_case(signed_procedure, persona):
    patient: Patient = signed_procedure.request.patient
    Patient.objects.filter(pk=patient.pk).update(
        given_name="Zebulon", family_name=NAME, birth_date=BIRTH, allergies=FREE_TEXT
    )
    patient.identifiers.update(value=MRN)
    attending = persona("attending")
    attending.staff.email = "attending@irsuite.invalid"
    attending.staff.save()
    signed_procedure.request.indication = FREE_TEXT
    signed_procedure.request.save()
    ps.add_addendum(signed_procedure, text=f"{FREE_TEXT} {LOT} {UDI}", by=attending)
    return signed_procedure


def _researcher_reads(persona) -> dict[str, str]:
    """Every route the researcher may open (GET), with what it answered."""
    researcher = persona("researcher")
    browser = Client()
    browser.force_login(researcher)
    api = Client(headers={"Authorization": f"Bearer {issue_token(researcher)}"})
    answers = {}
    for route in page_routes() + api_routes():
        access = route.access
        if access is None or not access.login or not access.admits(researcher):
            continue
        if "GET" not in route.methods:
            continue
        client = api if route.kind == "api" else browser
        response = client.get(route.url())
        if response.status_code == 200 and not getattr(response, "streaming", False):
            answers[str(route)] = response.content.decode(errors="replace")
    return answers


@pytest.mark.django_db
def test_no_identifier_of_any_kind_reaches_a_researcher(identified_case, persona):
    accession = identified_case.request.accession_number
    answers = _researcher_reads(persona)
    assert any("research/procedures" in route for route in answers)
    leaks = []
    for kind, held in HELD.items():
        samples = (
            [*held, *([accession] if kind == K.OTHER else [])] if isinstance(held, list) else []
        )
        for sample in samples:
            leaks += [
                f"{kind.name} {sample!r} in {route}"
                for route, body in answers.items()
                if sample in body
            ]
    assert leaks == []


@pytest.mark.django_db
def test_the_researchers_rows_shift_dates_and_hide_the_primary_key(identified_case, persona):
    researcher = persona("researcher")
    api = Client(headers={"Authorization": f"Bearer {issue_token(researcher)}"})
    rows = api.get("/api/v1/research/procedures").json()["items"]
    assert len(rows) == 1
    row = rows[0]
    pk = identified_case.request.patient_id
    # The keyed research id, not the row's number written in any form.
    assert row["patient"] == research_id_of(pk)
    assert row["patient"] not in {f"R-{pk}", f"R-{pk:06d}", f"P{pk}", str(pk)}
    assert row["procedure_day"] != identified_case.day.isoformat()
    assert row["age_at_procedure"] == "90+"
    assert row["operator"].startswith("S-")
    assert row["catalogue_code"] == "PCN"
    assert set(row) >= {"minutes", "technical_success", "sedation_type"}


@pytest.mark.django_db
def test_a_researcher_cannot_open_identified_patient_or_procedure_routes(identified_case, api_as):
    api = api_as("researcher")
    assert api.get("/api/v1/patients").status_code == 403
    assert api.get(f"/api/v1/procedures/{identified_case.pk}").status_code == 403


def test_the_research_key_is_long_and_not_the_secret_key(settings):
    assert len(settings.RESEARCH_KEY) >= 32
    assert settings.RESEARCH_KEY != settings.SECRET_KEY
