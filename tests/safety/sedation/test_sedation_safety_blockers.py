"""The sedation record stops what it used to accept silently: an overdose, dangerous vital
signs, a discharge during the procedure, and entries stamped "now" whenever they were typed."""

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.audit.models import AuditEvent
from irsuite.cases.requests import services as rs
from irsuite.errors import ValidationFailed
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase, SedationDrug

ITEMS = ("activity", "respiration", "circulation", "consciousness", "oxygen_saturation")
ALL_TWO = dict.fromkeys(ITEMS, 2)


def ago(minutes):
    return timezone.now() - dt.timedelta(minutes=minutes)


@pytest.fixture
def sedation(ready_request, persona):
    return ss.sedation_record(
        ready_request,
        by=persona("nurse"),
        kind="moderate",
        baseline_systolic=140,
        started_at=ago(60),
    )


def test_midazolam_50_mg_iv_is_not_saved_without_an_acknowledged_warning(sedation, persona):
    nurse = persona("nurse")
    with pytest.raises(ss.DoseNeedsAcknowledgement) as warned:
        ss.give_drug(sedation, drug="midazolam", dose="50", unit="mg", route="IV", by=nurse)
    assert SedationDrug.objects.count() == 0
    warnings = warned.value.detail["warnings"]
    assert "Midazolam 50 mg IV is above the usual single dose" in warnings[0]
    assert "above the usual total" in warnings[1]

    with pytest.raises(ss.DoseNeedsAcknowledgement):
        ss.give_drug(
            sedation, drug="midazolam", dose="50", unit="mg", by=nurse, acknowledged="stale"
        )
    given = ss.give_drug(
        sedation,
        drug="midazolam",
        dose="50",
        unit="mg",
        by=nurse,
        acknowledged=warned.value.detail["fingerprint"],
    )
    assert "above the usual single dose" in given.dose_warning
    event = AuditEvent.objects.filter(summary__contains="dose warning acknowledged").get()
    assert event.patient_id == sedation.request.patient_id


def test_spo2_86_respiratory_rate_7_a_35_percent_pressure_fall_and_ramsay_5_are_highlighted(
    sedation, persona
):
    vitals = ss.record_vitals(
        sedation,
        phase=CarePhase.SEDATION,
        by=persona("nurse"),
        values={"spo2": "86", "respiratory_rate": "7", "systolic": "91", "ramsay": "5"},
    )
    flags = {(f.sign, f.kind.value): f.message for f in ss.vital_flags(sedation, vitals)}
    assert set(flags) == {
        ("spo2", "low"),
        ("respiratory_rate", "low"),
        ("systolic", "fall"),
        ("ramsay", "deep"),
    }
    assert flags[("systolic", "fall")].startswith("Systolic pressure 91 mmHg is 35% under")


def test_a_calm_set_of_vital_signs_is_not_highlighted(sedation, persona):
    vitals = ss.record_vitals(
        sedation,
        phase=CarePhase.SEDATION,
        by=persona("nurse"),
        values={"spo2": "97", "respiratory_rate": "14", "systolic": "128", "ramsay": "3"},
    )
    assert ss.vital_flags(sedation, vitals) == ()


def test_the_patient_is_not_discharged_the_minute_sedation_started_while_the_procedure_is_in_progress(  # noqa: E501
    open_procedure, persona
):
    nurse = persona("nurse")
    sedation = ss.sedation_record(open_procedure.request, by=nurse, kind="moderate")
    ss.score_aldrete(sedation, scores=ALL_TWO, by=nurse)
    with pytest.raises(ValidationFailed, match="The procedure has not ended"):
        ss.discharge(sedation, by=nurse)
    sedation.refresh_from_db()
    assert sedation.discharged_at is None


def test_discharge_waits_for_the_observation_time_after_the_procedure_ended(
    open_procedure, persona
):
    nurse = persona("nurse")
    rs.update_procedure(
        open_procedure,
        by=persona("attending"),
        version=open_procedure.version,
        fields={"start_at": ago(50), "end_at": ago(10)},
    )
    sedation = ss.sedation_record(
        open_procedure.request, by=nurse, kind="moderate", started_at=ago(55)
    )
    ss.score_aldrete(sedation, scores=ALL_TWO, by=nurse, at=ago(9))
    ss.score_aldrete(sedation, scores=ALL_TWO, by=nurse, at=ago(1))
    with pytest.raises(ValidationFailed) as refused:
        ss.discharge(sedation, by=nurse)
    reasons = refused.value.detail["reasons"]
    assert any("30 minutes after the procedure ended" in r for r in reasons)
    assert any("confirm it with another score" in r for r in reasons)


def test_a_reversal_agent_extends_the_observation_to_two_hours(signed_procedure, persona):
    nurse = persona("nurse")
    sedation = ss.sedation_record(
        signed_procedure.request, by=nurse, kind="moderate", started_at=ago(120)
    )
    ss.give_drug(sedation, drug="naloxone", dose="0.1", unit="mg", by=nurse, at=ago(50))
    for minutes in (40, 20):
        ss.score_aldrete(sedation, scores=ALL_TWO, by=nurse, at=ago(minutes))
    decision = ss.discharge_status(sedation)
    assert not decision.allowed
    assert "120 minutes after a reversal agent" in decision.reasons[0]
    later = ss.discharge_status(sedation, now=timezone.now() + dt.timedelta(minutes=75))
    assert later.allowed


def test_drugs_and_vitals_are_charted_at_the_time_they_happened_not_stamped_now(sedation, persona):
    nurse = persona("nurse")
    drug = ss.give_drug(
        sedation, drug="fentanyl", dose="50", unit="microgram", by=nurse, at=ago(40)
    )
    vitals = ss.record_vitals(
        sedation, phase=CarePhase.SEDATION, by=nurse, values={"spo2": "97"}, at=ago(35)
    )
    for entry, minutes in ((drug, 40), (vitals, 35)):
        entry.refresh_from_db()
        assert abs(entry.at - ago(minutes)) < dt.timedelta(minutes=1)
        assert entry.entered_at - entry.at > dt.timedelta(minutes=30)


def test_an_entry_before_the_episode_began_or_in_the_future_is_refused(sedation, persona):
    nurse = persona("nurse")
    with pytest.raises(ValidationFailed, match="before this sedation episode began"):
        ss.record_vitals(
            sedation, phase=CarePhase.SEDATION, by=nurse, values={"spo2": "97"}, at=ago(90)
        )
    with pytest.raises(ValidationFailed, match="in the future"):
        ss.give_drug(sedation, drug="fentanyl", dose="25", unit="microgram", by=nurse, at=ago(-30))


def test_the_episode_cannot_begin_after_its_first_entry(sedation, persona):
    nurse = persona("nurse")
    ss.record_vitals(
        sedation, phase=CarePhase.SEDATION, by=nurse, values={"spo2": "97"}, at=ago(50)
    )
    with pytest.raises(ValidationFailed, match="cannot begin later"):
        ss.sedation_record(sedation.request, by=nurse, started_at=ago(30))


def test_a_drug_not_on_the_list_is_refused(sedation, persona):
    with pytest.raises(ValidationFailed, match="Choose the drug from the list"):
        ss.give_drug(sedation, drug="midazolam_iv", dose="1", unit="mg", by=persona("nurse"))
