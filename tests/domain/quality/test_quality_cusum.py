"""CUSUM charts: complications (risk-adjusted Bernoulli) and learning curves."""

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.quality.cusum import (
    CusumDesign,
    accumulate,
    bernoulli_cusum,
    learning_curve_cusum,
    observed_minus_expected,
    odds_ratio_between,
    risk_adjusted_cusum,
    risk_adjusted_weight,
    signal_indices,
)


def test_steiners_weights_for_an_odds_ratio_of_two():
    # risk 0.1, R = 2: event adds log(2 / 1.1), non-event adds -log(1.1)
    assert risk_adjusted_weight(True, 0.1, 2.0) == pytest.approx(math.log(2 / 1.1))
    assert risk_adjusted_weight(False, 0.1, 2.0) == pytest.approx(-math.log(1.1))


def test_an_unbroken_run_of_complications_signals():
    points = bernoulli_cusum([True] * 10, acceptable=0.04, unacceptable=0.08, h=3.0)
    assert signal_indices(points)
    odds_ratio = odds_ratio_between(0.04, 0.08)
    assert points[0].value == pytest.approx(risk_adjusted_weight(True, 0.04, odds_ratio))


def test_a_clean_record_never_signals_and_stays_at_zero():
    points = bernoulli_cusum([False] * 500, acceptable=0.04, unacceptable=0.08, h=3.0)
    assert signal_indices(points) == []
    assert all(p.value == 0.0 for p in points)


def test_after_a_signal_the_chart_restarts_from_zero():
    points = accumulate([2.0, 2.0, 0.5, -1.0, 0.7], h=4.0)
    assert [p.signal for p in points] == [False, True, False, False, False]
    assert points[1].value == 4.0
    assert points[2].value == 0.5  # restarted: 0 + 0.5
    assert points[3].value == 0.0  # floored
    assert points[4].value == pytest.approx(0.7)


def test_a_high_risk_patient_with_a_complication_counts_less_than_a_low_risk_one():
    design = CusumDesign(odds_ratio=2.0, h=5.0)
    high = risk_adjusted_cusum([True], [0.5], design)[0].value
    low = risk_adjusted_cusum([True], [0.02], design)[0].value
    assert low > high > 0


def test_the_learning_curve_signals_competence_after_enough_successes():
    points = learning_curve_cusum([True] * 60, 0.05, 0.15, h=2.0)
    first = signal_indices(points)[0]
    per_success = math.log(0.95 / 0.85)
    assert first == math.ceil(2.0 / per_success) - 1


def test_failures_delay_the_learning_curve_signal():
    clean = signal_indices(learning_curve_cusum([True] * 80, 0.05, 0.15, 2.0))[0]
    bumpy = [i % 25 != 3 for i in range(80)]  # an occasional failure
    assert signal_indices(learning_curve_cusum(bumpy, 0.05, 0.15, 2.0))[0] > clean
    inadequate = [i % 4 != 0 for i in range(80)]  # one failure in four
    assert signal_indices(learning_curve_cusum(inadequate, 0.05, 0.15, 2.0)) == []


def test_the_learning_curve_refuses_rates_in_the_wrong_order():
    with pytest.raises(ValueError):
        learning_curve_cusum([True], 0.2, 0.1, 2.0)


def test_a_design_needs_an_odds_ratio_other_than_one():
    with pytest.raises(ValueError):
        CusumDesign(odds_ratio=1.0, h=4.0)


def test_it_needs_one_risk_per_case():
    with pytest.raises(ValueError):
        risk_adjusted_cusum([True, False], [0.1], CusumDesign(2.0, 4.0))


def test_observed_minus_expected_falls_by_the_unexpected_part_of_each_event():
    curve = observed_minus_expected([False, True, False], [0.1, 0.1, 0.1])
    assert curve == pytest.approx([0.1, -0.8, -0.7])


outcomes = st.lists(st.booleans(), max_size=300)
risks = st.floats(min_value=0.001, max_value=0.999)
limits = st.floats(min_value=0.5, max_value=8.0)


@given(outcomes, risks, limits)
def test_the_chart_never_goes_below_zero_and_signals_exactly_at_h(events, risk, h):
    points = risk_adjusted_cusum(events, [risk] * len(events), CusumDesign(2.0, h))
    previous = 0.0
    for point in points:
        assert point.value >= 0.0
        assert point.value == pytest.approx(max(0.0, previous + point.weight))
        assert point.signal == (point.value >= h)
        previous = 0.0 if point.signal else point.value


@given(st.lists(st.floats(min_value=-5, max_value=5), max_size=200), limits)
def test_accumulate_resets_at_zero_and_after_every_signal(weights, h):
    points = accumulate(weights, h)
    for before, after in itertools.pairwise(points):
        start = 0.0 if before.signal else before.value
        assert after.value == pytest.approx(max(0.0, start + after.weight))


@given(outcomes, risks)
def test_the_constant_risk_chart_matches_the_risk_adjusted_chart(events, risk):
    from irsuite.domain.quality.cusum import constant_risk_cusum

    design = CusumDesign(2.0, 4.5)
    fast = constant_risk_cusum(events, risk, design)
    slow = risk_adjusted_cusum(events, [risk] * len(events), design)
    assert [(p.value, p.signal) for p in fast] == [(p.value, p.signal) for p in slow]


@given(outcomes, risks, limits)
def test_the_compact_path_holds_the_same_values_and_signals_as_the_point_chart(events, risk, h):
    from irsuite.domain.quality.cusum import constant_risk_cusum, constant_risk_path

    design = CusumDesign(2.0, h)
    points = constant_risk_cusum(events, risk, design)
    path = constant_risk_path(events, risk, design)
    assert path.values == [p.value for p in points]
    assert path.signals == signal_indices(points)


@given(outcomes)
def test_the_compact_learning_curve_matches_the_point_chart(successes):
    from irsuite.domain.quality.cusum import learning_curve_path

    points = learning_curve_cusum(successes, 0.1, 0.2, 2.5)
    path = learning_curve_path(successes, 0.1, 0.2, 2.5)
    assert path.values == [p.value for p in points]
    assert path.signals == signal_indices(points)
