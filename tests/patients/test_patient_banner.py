"""The patient banner: the same facts on every page about one patient, and allergies that say
"none known" only when someone recorded that there are none."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.patients.facts.banner import banner_for
from irsuite.patients.facts.services import record_allergies, record_weight
from irsuite.patients.models import AllergyStatus
from irsuite.safety.workup import services as workup

pytestmark = pytest.mark.django_db


def test_allergies_never_asked_are_not_recorded_not_none_known(patient):
    assert banner_for(patient).allergies == "not recorded"


def test_none_known_only_when_recorded_as_none(patient, persona):
    record_allergies(patient, allergies="", contrast_allergy=False, none_known=True, by=None)
    assert patient.allergy_status == AllergyStatus.NONE_KNOWN
    assert banner_for(patient).allergies == "none known"


def test_the_banner_names_the_patient_with_age_mrn_site_and_weight(patient, site):
    record_weight(patient, Decimal("71.5"), by=None)
    banner = banner_for(patient, site, today=dt.date(2026, 12, 6))
    assert banner.name == "EXAMPLE, Ada"
    assert banner.age == 66
    assert (banner.mrn, banner.mrn_site) == ("SBH0000001", "sbh")
    assert banner.weight == "71.5 kg" and banner.sex == "Female"


def test_a_contrast_allergy_is_an_alert_and_an_allergy(patient):
    record_allergies(patient, allergies="Penicillin", contrast_allergy=True, by=None)
    banner = banner_for(patient)
    assert "Contrast allergy" in banner.alerts
    assert banner.allergies == "Penicillin, iodinated contrast"


def test_an_allergy_entered_in_the_workup_reaches_the_patient_chart(
    new_request, persona, client_as
):
    nurse = persona("nurse")
    found = workup.start_workup(new_request, by=nurse)
    workup.update_workup(found, {"allergies": "Latex (rash)"}, by=nurse)
    patient = new_request.patient
    patient.refresh_from_db()
    assert patient.allergies == "Latex (rash)" and patient.allergy_status == AllergyStatus.KNOWN
    chart = client_as("attending").get(reverse("patients:detail", args=[patient.pk]))
    assert "Latex (rash)" in chart.content.decode()
    assert "none known" not in chart.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="patients.patient", patient_id=patient.pk
    ).exists()


def test_no_known_allergies_ticked_in_the_workup_reaches_the_patient(new_request, persona):
    nurse = persona("nurse")
    found = workup.start_workup(new_request, by=nurse)
    workup.update_workup(found, {"allergies": "", "no_known_allergies": True}, by=nurse)
    new_request.patient.refresh_from_db()
    assert new_request.patient.allergy_status == AllergyStatus.NONE_KNOWN


def test_a_pregnancy_status_from_the_workup_is_kept_on_the_patient_with_its_day(
    new_request, persona
):
    nurse = persona("nurse")
    found = workup.start_workup(new_request, by=nurse)
    workup.update_workup(found, {"pregnancy_status": "negative_test"}, by=nurse)
    patient = new_request.patient
    patient.refresh_from_db()
    assert patient.pregnancy_status == "negative_test"
    assert patient.pregnancy_status_on is not None
    assert banner_for(patient).pregnancy.startswith("Negative pregnancy test (")


def test_an_anticoagulant_in_the_workup_is_a_banner_alert(new_request, persona):
    nurse = persona("nurse")
    found = workup.start_workup(new_request, by=nurse)
    workup.add_medication(found, "warfarin", by=nurse)
    alerts = banner_for(new_request.patient).alerts
    assert any(a.startswith("Anticoagulated") and "arfarin" in a for a in alerts)


@pytest.mark.parametrize(
    "page",
    ["cases:request", "safety:workup", "safety:checklist", "patients:detail"],
)
def test_every_patient_page_shows_the_banner(page, new_request, client_as):
    args = {
        "cases:request": [new_request.pk],
        "safety:workup": [new_request.pk],
        "safety:checklist": [new_request.pk],
        "patients:detail": [new_request.patient_id],
    }[page]
    body = client_as("attending").get(reverse(page, args=args)).content.decode()
    assert 'class="patient-banner"' in body
    assert "SBH0000001" in body and "Allergies" in body


def test_the_procedure_page_shows_the_banner(open_procedure, client_as):
    body = client_as("nurse").get(reverse("cases:procedure", args=[open_procedure.pk]))
    assert 'class="patient-banner"' in body.content.decode()
