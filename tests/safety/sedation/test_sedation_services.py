import datetime as dt

import pytest
from django.utils import timezone

from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase

ITEMS = ("activity", "respiration", "circulation", "consciousness", "oxygen_saturation")
ALL_TWO = dict.fromkeys(ITEMS, 2)


@pytest.fixture
def sedation(ready_request, persona):
    return ss.sedation_record(
        ready_request, by=persona("nurse"), kind="moderate", baseline_systolic=130
    )


def test_a_nurse_records_drugs_and_vital_signs_with_ramsay(sedation, persona):
    nurse = persona("nurse")
    drug = ss.give_drug(sedation, drug="midazolam", dose="1", unit="mg", by=nurse)
    vitals = ss.record_vitals(
        sedation,
        phase=CarePhase.SEDATION,
        by=nurse,
        values={"heart_rate": "72", "systolic": "128", "spo2": "97", "ramsay": "3"},
    )
    assert str(drug) == "midazolam 1 mg" and drug.label == "Midazolam"
    assert drug.dose_warning == ""
    assert vitals.ramsay == 3 and vitals.by == nurse.staff


def test_it_refuses_a_ramsay_level_outside_one_to_six(sedation, persona):
    with pytest.raises(ValidationFailed, match="from 1 to 6"):
        ss.record_vitals(
            sedation,
            phase=CarePhase.SEDATION,
            by=persona("nurse"),
            values={"spo2": "97", "ramsay": "7"},
        )


def test_it_refuses_impossible_vital_signs_and_bad_doses(sedation, persona):
    with pytest.raises(ValidationFailed, match="SpO2 140 is outside"):
        ss.record_vitals(
            sedation, phase=CarePhase.RECOVERY, by=persona("nurse"), values={"spo2": "140"}
        )
    with pytest.raises(ValidationFailed, match="not a number"):
        ss.give_drug(sedation, drug="fentanyl", dose="lots", unit="microgram", by=persona("nurse"))


def ago(minutes):
    return timezone.now() - dt.timedelta(minutes=minutes)


@pytest.fixture
def recovering(signed_procedure, persona):
    """Sedation begun two hours ago for a procedure that ended an hour ago."""
    return ss.sedation_record(
        signed_procedure.request,
        by=persona("nurse"),
        kind="moderate",
        baseline_systolic=130,
        started_at=ago(120),
    )


def test_discharge_is_refused_below_nine_with_what_is_low(recovering, persona):
    sedation = recovering
    ss.score_aldrete(
        sedation,
        scores={**ALL_TWO, "activity": 1, "consciousness": 1},
        by=persona("nurse"),
        at=ago(20),
    )
    with pytest.raises(ValidationFailed) as refused:
        ss.discharge(sedation, by=persona("nurse"))
    reasons = refused.value.detail["reasons"]
    assert "Aldrete total is 8" in reasons[0]
    assert "Consciousness: Rousable on calling." in reasons


def test_discharge_at_nine_copies_the_catalogue_instructions_and_closes_the_record(
    recovering, persona
):
    sedation = recovering
    for minutes in (40, 20):
        scores = {**ALL_TWO, "activity": 1}
        ss.score_aldrete(sedation, scores=scores, by=persona("nurse"), at=ago(minutes))
    done = ss.discharge(sedation, by=persona("nurse"))
    assert done.discharged_at is not None
    assert done.discharge_instructions == sedation.request.catalogue_entry.discharge_instructions
    assert done.discharge_instructions
    with pytest.raises(Conflict, match="discharged"):
        ss.give_drug(done, drug="midazolam", dose="1", unit="mg", by=persona("nurse"))


def test_an_aldrete_item_out_of_range_is_refused(sedation, persona):
    with pytest.raises(ValidationFailed, match="must be 0, 1 or 2"):
        ss.score_aldrete(sedation, scores={**ALL_TWO, "respiration": 3}, by=persona("nurse"))


def test_a_technologist_cannot_record_sedation(ready_request, persona):
    with pytest.raises(NotAllowed):
        ss.sedation_record(ready_request, by=persona("technologist"))


def test_a_dose_with_more_decimals_than_the_record_keeps_is_refused(sedation, persona):
    with pytest.raises(ValidationFailed, match="at most 2 decimals"):
        ss.give_drug(sedation, drug="naloxone", dose="0.125", unit="mg", by=persona("nurse"))
