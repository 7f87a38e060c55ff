"""Input the planner refuses, each with a message that says what to fix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from irsuite.domain.bleeding import (
    BleedingRules,
    Labs,
    Medication,
    PlanInput,
    PlanInputError,
    Procedure,
    UnknownDrugError,
    plan,
)
from irsuite.domain.catalogue import BleedingRiskClass

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
START = NOW + timedelta(days=3)
PCN = Procedure("PCN", BleedingRiskClass.HIGH, "Percutaneous nephrostomy")


def request(**changes: object) -> PlanInput:
    base: dict[str, object] = {"procedure": PCN, "scheduled_at": START, "now": NOW}
    base.update(changes)
    return PlanInput(**base)  # type: ignore[arg-type]


def problems_of(rules: BleedingRules, **changes: object) -> dict[str, str]:
    with pytest.raises(PlanInputError) as caught:
        plan(request(**changes), rules)
    return {p.field: p.message for p in caught.value.problems}


def test_it_refuses_an_implausible_inr(rules: BleedingRules) -> None:
    found = problems_of(rules, labs=Labs(inr=35, taken_at=NOW))
    assert "outside the plausible range" in found["labs.inr"]


def test_it_refuses_a_platelet_count_given_per_microlitre(rules: BleedingRules) -> None:
    found = problems_of(rules, labs=Labs(platelets_10e9_per_l=150_000, taken_at=NOW))
    assert "check the value and its unit" in found["labs.platelets_10e9_per_l"]


def test_it_refuses_a_negative_platelet_count(rules: BleedingRules) -> None:
    assert "labs.platelets_10e9_per_l" in problems_of(
        rules, labs=Labs(platelets_10e9_per_l=-5, taken_at=NOW)
    )


def test_it_refuses_a_last_dose_in_the_future(rules: BleedingRules) -> None:
    med = Medication("apixaban", last_dose_at=NOW + timedelta(hours=2))
    found = problems_of(rules, medications=(med,), crcl_ml_min=80)
    assert "in the future" in found["medications[0].last_dose_at"]


def test_it_refuses_a_lab_sample_in_the_future(rules: BleedingRules) -> None:
    found = problems_of(rules, labs=Labs(inr=1.0, taken_at=NOW + timedelta(days=1)))
    assert "in the future" in found["labs.taken_at"]


def test_it_refuses_a_scheduled_time_in_the_past(rules: BleedingRules) -> None:
    found = problems_of(rules, scheduled_at=NOW - timedelta(minutes=1))
    assert "in the past" in found["scheduled_at"]


def test_it_refuses_a_time_without_an_offset(rules: BleedingRules) -> None:
    found = problems_of(rules, scheduled_at=datetime(2026, 11, 30, 8, 0))
    assert "UTC offset" in found["scheduled_at"]


def test_it_refuses_an_implausible_sheath_and_clearance(rules: BleedingRules) -> None:
    found = problems_of(rules, arterial_sheath_fr=60, crcl_ml_min=900)
    assert set(found) == {"arterial_sheath_fr", "crcl_ml_min"}


def test_it_names_every_unknown_drug(rules: BleedingRules) -> None:
    meds = (Medication("apixaban"), Medication("Warfarine"), Medication("vorapaxar"))
    with pytest.raises(UnknownDrugError) as caught:
        plan(request(medications=meds, crcl_ml_min=80), rules)
    assert caught.value.drugs == ("Warfarine", "vorapaxar")
    assert "unknown drug 'Warfarine'" in str(caught.value)
    assert "warfarin" in str(caught.value)  # the known names are listed


def test_it_reports_all_problems_at_once(rules: BleedingRules) -> None:
    found = problems_of(
        rules,
        labs=Labs(inr=0.1, platelets_10e9_per_l=5000, taken_at=NOW + timedelta(hours=1)),
        scheduled_at=NOW - timedelta(days=1),
    )
    assert set(found) == {
        "labs.inr",
        "labs.platelets_10e9_per_l",
        "labs.taken_at",
        "scheduled_at",
    }
