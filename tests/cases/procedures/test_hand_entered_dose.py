"""A dose entered by hand (units that send no dose report): on the procedure page with its
units and source, in the report's dose section, and what lets the checklist say it is recorded."""

from decimal import Decimal

import pytest
from django.urls import reverse

from irsuite.cases.procedures.units import dose_text
from irsuite.cases.requests import services
from irsuite.errors import ValidationFailed
from irsuite.safety.checklist import services as checklist
from irsuite.safety.report.services import case_record

pytestmark = pytest.mark.django_db

HAND = {
    "hand_fluoro_time_s": Decimal("725"),
    "hand_kap_gycm2": Decimal("85.2"),
    "hand_ka_r_mgy": Decimal("6743"),
}


def _enter(procedure, persona, **fields):
    return services.update_procedure(
        procedure, by=persona("attending"), version=procedure.version, fields=fields
    )


def test_dose_values_read_with_their_units():
    assert dose_text("ka_r_mgy", 6743) == "Ka,r 6,743 mGy"
    assert dose_text("kap_gycm2", Decimal("85.24")) == "KAP 85.2 Gy·cm²"
    assert dose_text("fluoro_time_s", 725) == "Fluoroscopy time 12 min 5 s"


def test_the_procedure_page_shows_a_hand_entered_dose_marked_as_such(
    open_procedure, persona, client_as
):
    _enter(open_procedure, persona, **HAND)
    page = client_as("nurse").get(reverse("cases:procedure", args=[open_procedure.pk]))
    body = page.content.decode()
    assert "6,743 mGy" in body and "85.2 Gy·cm²" in body and "12 min 5 s" in body
    assert "entered by hand" in body


def test_the_procedure_page_says_when_no_dose_is_on_record(open_procedure, client_as):
    body = client_as("nurse").get(reverse("cases:procedure", args=[open_procedure.pk]))
    assert "No dose on record" in body.content.decode()


def test_the_procedure_form_takes_the_dose_by_hand(open_procedure, client_as):
    form = {
        "version": open_procedure.version,
        "sedation_type": "local",
        "hand_fluoro_time_s": "300",
        "hand_kap_gycm2": "12.5",
        "hand_ka_r_mgy": "150",
    }
    client_as("attending").post(reverse("cases:procedure", args=[open_procedure.pk]), form)
    open_procedure.refresh_from_db()
    assert open_procedure.hand_ka_r_mgy == Decimal("150")
    assert open_procedure.hand_dose["fluoro_time_s"] == Decimal("300")


def test_an_implausible_hand_entered_dose_is_refused(open_procedure, persona):
    with pytest.raises(ValidationFailed, match="Ka,r must be between"):
        _enter(open_procedure, persona, hand_ka_r_mgy=Decimal("900000"))


def test_the_report_dose_section_takes_a_hand_entered_dose(open_procedure, persona):
    _enter(open_procedure, persona, **HAND)
    open_procedure.refresh_from_db()
    dose = case_record(open_procedure)["dose"]
    assert dose["ka_r_mgy"] == 6743.0 and dose["fluoro_time_s"] == 725.0
    assert "Entered by hand" in dose["alerts"][0]


def test_radiation_dose_recorded_is_refused_without_a_dose_and_taken_with_one(
    open_procedure, persona
):
    nurse = persona("nurse")
    request = open_procedure.request
    with pytest.raises(ValidationFailed, match="No radiation dose is on record"):
        checklist.answer_item(request, item_id="dose_recorded", value="yes", by=nurse)
    _enter(open_procedure, persona, **HAND)
    # With a dose on record only the checklist's own order stands in the way (sign-in first).
    with pytest.raises(ValidationFailed) as later:
        checklist.answer_item(request, item_id="dose_recorded", value="yes", by=nurse)
    assert "radiation dose" not in later.value.message
    assert "sign in" in later.value.message
