"""Recording adverse events: gradings validated on their own scales, audited, counted."""

import datetime as dt

import pytest

from irsuite.audit.models import AuditEvent
from irsuite.errors import NotAllowed, ValidationFailed
from irsuite.outcomes.adverse_events.services import (
    AeInput,
    record_adverse_event,
    update_adverse_event,
)
from irsuite.outcomes.models import QualityFact, ReviewCase

pytestmark = pytest.mark.django_db


def bleed(procedure, **overrides):
    values = {
        "timing": "post",
        "onset_date": procedure.day,
        "category": "bleeding",
        "description": "Perinephric haematoma with falling haemoglobin",
        "gradings": [("sir_2017", "2")],
        "treatment": "Two units of red cells",
        "indicator": "major_haemorrhage",
    }
    values.update(overrides)
    return AeInput(**values)


def test_it_records_an_adverse_event_with_its_grade_and_audits_it(signed_procedure, persona):
    event = record_adverse_event(signed_procedure, bleed(signed_procedure), by=persona("nurse"))
    assert [(g.scale, g.grade) for g in event.gradings.all()] == [("sir_2017", "2")]
    assert event.major is False
    entry = AuditEvent.objects.filter(object_type="outcomes.adverseevent").get()
    assert entry.after["gradings"] == [["sir_2017", "2"]]
    assert entry.summary == "adverse event recorded"


def test_it_keeps_several_scales_side_by_side(signed_procedure, persona):
    data = bleed(
        signed_procedure,
        gradings=[("sir_2017", "3"), ("sir_legacy", "D")],
        outcome="Recovered",
        length_of_stay_hours=72,
    )
    event = record_adverse_event(signed_procedure, data, by=persona("attending"))
    assert sorted((g.scale, g.grade) for g in event.gradings.all()) == [
        ("sir_2017", "3"),
        ("sir_legacy", "D"),
    ]
    assert event.major is True


def test_it_refuses_an_event_dated_before_the_procedure(signed_procedure, persona):
    data = bleed(signed_procedure, onset_date=signed_procedure.day - dt.timedelta(days=1))
    with pytest.raises(ValidationFailed, match="before the procedure"):
        record_adverse_event(signed_procedure, data, by=persona("nurse"))


def test_it_refuses_a_grade_outside_its_scale(signed_procedure, persona):
    with pytest.raises(ValidationFailed, match="grade 'G' is not on the SIR outcome"):
        record_adverse_event(
            signed_procedure,
            bleed(signed_procedure, gradings=[("sir_legacy", "G")]),
            by=persona("nurse"),
        )


def test_it_refuses_a_severe_grade_without_the_fields_it_requires(signed_procedure, persona):
    with pytest.raises(ValidationFailed, match="needs: outcome") as caught:
        record_adverse_event(
            signed_procedure,
            bleed(signed_procedure, gradings=[("sir_2017", "3")]),
            by=persona("nurse"),
        )
    assert caught.value.detail["problems"]


def test_it_refuses_an_indicator_the_procedure_does_not_have(signed_procedure, persona):
    with pytest.raises(ValidationFailed, match="not a complication indicator"):
        record_adverse_event(
            signed_procedure, bleed(signed_procedure, indicator="stroke"), by=persona("nurse")
        )


def test_a_coder_cannot_record_adverse_events(signed_procedure, persona):
    with pytest.raises(NotAllowed):
        record_adverse_event(signed_procedure, bleed(signed_procedure), by=persona("coder"))


def test_a_tagged_event_counts_in_the_quality_indicator(signed_procedure, persona):
    def haemorrhage():
        return QualityFact.objects.get(procedure=signed_procedure, indicator="major_haemorrhage")

    assert haemorrhage().event is False
    record_adverse_event(signed_procedure, bleed(signed_procedure), by=persona("nurse"))
    assert haemorrhage().event is True
    assert QualityFact.objects.get(procedure=signed_procedure, indicator="technical_success").event


def test_a_severe_event_puts_the_case_on_the_review_list(signed_procedure, persona):
    data = bleed(signed_procedure, gradings=[("sir_2017", "3")], outcome="Embolised, recovered")
    record_adverse_event(signed_procedure, data, by=persona("attending"))
    case = ReviewCase.objects.get(procedure=signed_procedure)
    assert case.reasons == ["adverse_event_grade"]


def test_a_moderate_event_does_not(signed_procedure, persona):
    record_adverse_event(signed_procedure, bleed(signed_procedure), by=persona("nurse"))
    assert not ReviewCase.objects.filter(procedure=signed_procedure).exists()


def test_changing_an_event_is_audited_with_before_and_after(signed_procedure, persona):
    event = record_adverse_event(signed_procedure, bleed(signed_procedure), by=persona("nurse"))
    changed = bleed(signed_procedure, gradings=[("cirse_2017", "1")], indicator="")
    update_adverse_event(event, changed, by=persona("attending"))
    entry = AuditEvent.objects.filter(object_type="outcomes.adverseevent", action="change").get()
    assert entry.before["gradings"] == [["sir_2017", "2"]]
    assert entry.after["gradings"] == [["cirse_2017", "1"]]
    assert not QualityFact.objects.get(
        procedure=signed_procedure, indicator="major_haemorrhage"
    ).event
