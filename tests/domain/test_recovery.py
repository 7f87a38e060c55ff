import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.recovery import (
    AldreteItem,
    AldreteScore,
    RamsayLevel,
    RecoveryReference,
    ScoreError,
    TimedAldrete,
    aldrete_from_mapping,
    circulation_score,
    discharge_decision,
    observation_gaps,
    oxygenation_score,
    parse_recovery,
    validate_ramsay,
)

DATA = Path(__file__).parents[2] / "src/irsuite/reference/data/recovery.toml"
T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def reference() -> RecoveryReference:
    return parse_recovery(tomllib.loads(DATA.read_text()))


def score(total_loss: int = 0) -> AldreteScore:
    values = {item.value: 2 for item in AldreteItem}
    for item in list(AldreteItem)[:total_loss]:
        values[item.value] = 1
    return AldreteScore(**values)


def test_the_reference_allows_discharge_from_a_total_of_nine(reference):
    assert reference.aldrete.discharge_min_total == 9
    assert reference.source and reference.verified is False


def test_a_full_score_totals_ten():
    assert score().total == 10
    assert score(total_loss=3).total == 7


def test_it_allows_discharge_at_nine_and_refuses_at_eight(reference):
    nine = [TimedAldrete(T0, score(total_loss=1))]
    eight = [TimedAldrete(T0, score(total_loss=2))]
    assert discharge_decision(nine, reference.aldrete).allowed
    refused = discharge_decision(eight, reference.aldrete)
    assert not refused.allowed
    assert refused.total == 8
    assert "discharge needs 9 or more" in refused.reasons[0]
    assert "Activity: Moves two limbs on command." in refused.reasons


def test_the_latest_assessment_decides_discharge_whatever_the_order_given(reference):
    series = [
        TimedAldrete(T0 + timedelta(minutes=30), score()),
        TimedAldrete(T0, score(total_loss=4)),
    ]
    assert discharge_decision(series, reference.aldrete).allowed
    worse_later = [TimedAldrete(T0, score()), TimedAldrete(T0 + timedelta(minutes=15), score(3))]
    assert not discharge_decision(worse_later, reference.aldrete).allowed


def test_discharge_needs_at_least_one_assessment(reference):
    decision = discharge_decision([], reference.aldrete)
    assert not decision.allowed and decision.total is None
    assert "Record an Aldrete score" in decision.reasons[0]


@pytest.mark.parametrize("bad", [-1, 3, True, 1.5, "2"])
def test_each_aldrete_item_scores_zero_to_two_only(bad):
    with pytest.raises(ScoreError, match="must be 0, 1 or 2"):
        AldreteScore(bad, 2, 2, 2, 2)


def test_form_input_builds_a_score_and_names_missing_items():
    built = aldrete_from_mapping({item.value: "2" for item in AldreteItem})
    assert built.total == 10
    with pytest.raises(ScoreError, match="missing: circulation"):
        aldrete_from_mapping(
            {"activity": 2, "respiration": 2, "consciousness": 2, "oxygen_saturation": 2}
        )
    with pytest.raises(ScoreError, match="got 'two'"):
        aldrete_from_mapping({item.value: "two" for item in AldreteItem})


@pytest.mark.parametrize(
    ("systolic", "expected"),
    [(120, 2), (100, 2), (95, 1), (155, 1), (150, 2), (63, 1), (60, 0), (190, 0)],
)
def test_circulation_scores_by_distance_from_the_baseline_pressure(reference, systolic, expected):
    assert circulation_score(125, systolic, reference.aldrete) == expected


@pytest.mark.parametrize(
    ("spo2", "on_oxygen", "expected"),
    [(97, False, 2), (97, True, 1), (92, False, 1), (91, True, 1), (90, True, 0), (85, False, 0)],
)
def test_oxygen_saturation_scores_by_level_and_oxygen_need(reference, spo2, on_oxygen, expected):
    assert oxygenation_score(spo2, on_oxygen, reference.aldrete) == expected


def test_impossible_measurements_are_refused(reference):
    with pytest.raises(ScoreError):
        oxygenation_score(101, False, reference.aldrete)
    with pytest.raises(ScoreError):
        circulation_score(0, 120, reference.aldrete)


@pytest.mark.parametrize("value", [1, 6, "3", " 4 "])
def test_ramsay_accepts_levels_one_to_six(value):
    assert 1 <= validate_ramsay(value) <= 6


@pytest.mark.parametrize("value", [0, 7, -1, "x", "", 2.5, True, None])
def test_ramsay_refuses_anything_else_and_says_what_is_allowed(value):
    with pytest.raises(ScoreError, match="whole number from 1 to 6"):
        validate_ramsay(value)


def test_every_ramsay_level_has_a_description(reference):
    assert reference.ramsay[RamsayLevel.ANXIOUS].startswith("Anxious")
    assert reference.ramsay[RamsayLevel.NO_RESPONSE] == "Asleep, no response"


def test_it_finds_gaps_in_vital_signs_during_sedation(reference):
    every_five = [T0 + timedelta(minutes=m) for m in (0, 5, 10, 25, 30)]
    monitoring = reference.monitoring
    gaps = observation_gaps(
        every_five,
        T0,
        T0 + timedelta(minutes=30),
        monitoring.during_sedation,
        grace=monitoring.grace,
    )
    assert gaps == ((T0 + timedelta(minutes=10), T0 + timedelta(minutes=25)),)


def test_no_gap_is_reported_when_vital_signs_keep_pace(reference):
    times = [T0 + timedelta(minutes=m) for m in range(0, 61, 15)]
    monitoring = reference.monitoring
    end = T0 + timedelta(hours=1)
    assert observation_gaps(times, T0, end, monitoring.in_recovery, grace=monitoring.grace) == ()


def _charted_every(step: timedelta, count: int) -> list[datetime]:
    return [T0 + step * n for n in range(count)]


def _sedation_gaps(reference, times):  # type: ignore[no-untyped-def]
    monitoring = reference.monitoring
    return observation_gaps(
        times, T0, max(times), monitoring.during_sedation, grace=monitoring.grace
    )


def test_the_reference_grants_a_grace_past_the_monitoring_interval(reference):
    assert reference.monitoring.grace == timedelta(seconds=60)


def test_vital_signs_charted_by_hand_at_five_minutes_twenty_raise_no_gap(reference):
    times = _charted_every(timedelta(minutes=5, seconds=20), 8)
    assert _sedation_gaps(reference, times) == ()


def test_a_stretch_of_exactly_the_interval_and_its_grace_is_not_a_gap(reference):
    monitoring = reference.monitoring
    times = _charted_every(monitoring.during_sedation + monitoring.grace, 4)
    assert _sedation_gaps(reference, times) == ()


def test_a_second_past_the_interval_and_its_grace_is_a_gap(reference):
    monitoring = reference.monitoring
    late = monitoring.during_sedation + monitoring.grace + timedelta(seconds=1)
    times = [T0, T0 + timedelta(minutes=5), T0 + timedelta(minutes=5) + late]
    assert _sedation_gaps(reference, times) == ((times[1], times[2]),)


def test_without_grace_a_stretch_just_over_the_interval_is_a_gap(reference):
    interval = reference.monitoring.during_sedation
    times = [T0, T0 + interval + timedelta(seconds=20)]
    assert observation_gaps(times, T0, times[-1], interval, grace=timedelta(0)) == (
        (times[0], times[1]),
    )


def test_a_negative_grace_in_the_reference_is_refused():
    data = tomllib.loads(DATA.read_text())
    data["monitoring"]["gap_grace_s"] = -1
    with pytest.raises(ValueError, match="gap_grace_s"):
        parse_recovery(data)


@given(st.lists(st.integers(0, 2), min_size=5, max_size=5))
def test_the_total_is_the_sum_of_the_items(values):
    assert AldreteScore(*values).total == sum(values)
