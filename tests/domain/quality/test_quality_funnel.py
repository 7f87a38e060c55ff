"""Funnel-plot control limits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.quality.funnel import (
    FunnelMethod,
    FunnelZone,
    classify,
    funnel_curve,
    funnel_denominators,
    funnel_limits,
)

# Binomial(100, 0.1) cumulative probabilities from standard tables:
# F(4) = 0.02371, F(5) = 0.05758, F(15) = 0.96011, F(16) = 0.97940.
# Spiegelhalter's interpolated quantiles: lower 5 - (0.05758 - 0.025) / (0.05758 - 0.02371),
# upper 16 - (0.97940 - 0.975) / (0.97940 - 0.96011).
TABLE_LOW_95 = (5 - (0.05758 - 0.025) / (0.05758 - 0.02371)) / 100
TABLE_HIGH_95 = (16 - (0.97940 - 0.975) / (0.97940 - 0.96011)) / 100


def test_exact_95_percent_limits_match_the_binomial_tables():
    limits = funnel_limits(0.1, 100, 0.95)
    assert limits.low == pytest.approx(TABLE_LOW_95, abs=2e-4)
    assert limits.high == pytest.approx(TABLE_HIGH_95, abs=2e-4)


def test_normal_limits_are_target_plus_or_minus_z_standard_errors():
    limits = funnel_limits(0.1, 100, 0.95, FunnelMethod.NORMAL)
    assert limits.low == pytest.approx(0.1 - 1.959964 * 0.03, abs=1e-6)
    assert limits.high == pytest.approx(0.1 + 1.959964 * 0.03, abs=1e-6)
    alarm = funnel_limits(0.1, 100, 0.998, FunnelMethod.NORMAL)
    assert alarm.high == pytest.approx(0.1 + 3.090232 * 0.03, abs=1e-6)


def test_the_998_limits_lie_outside_the_95_limits():
    warning = funnel_limits(0.05, 400, 0.95)
    alarm = funnel_limits(0.05, 400, 0.998)
    assert alarm.low < warning.low < 0.05 < warning.high < alarm.high


def test_exact_and_normal_limits_agree_for_large_denominators():
    exact = funnel_limits(0.3, 20000, 0.998)
    normal = funnel_limits(0.3, 20000, 0.998, FunnelMethod.NORMAL)
    assert exact.low == pytest.approx(normal.low, abs=1e-3)
    assert exact.high == pytest.approx(normal.high, abs=1e-3)


def test_normal_limits_are_clipped_to_0_1():
    limits = funnel_limits(0.02, 5, 0.998, FunnelMethod.NORMAL)
    assert limits.low == 0.0
    assert limits.high <= 1.0


def test_an_operator_with_twice_the_expected_complications_in_500_cases_is_an_alarm():
    assert classify(50, 500, 0.04) is FunnelZone.ABOVE_998


def test_an_operator_at_the_target_rate_is_within_the_funnel():
    assert classify(20, 500, 0.04) is FunnelZone.WITHIN


def test_a_mildly_raised_rate_is_a_warning_not_an_alarm():
    assert classify(30, 500, 0.04) is FunnelZone.ABOVE_95


def test_classify_uses_the_levels_it_is_given_instead_of_the_defaults():
    # 30 of 500 at a 4% target is outside the default 95% limits but inside 99.8% ones.
    assert classify(30, 500, 0.04, warning_level=0.998, alarm_level=0.9999) is FunnelZone.WITHIN
    assert classify(30, 500, 0.04, warning_level=0.5, alarm_level=0.95) is FunnelZone.ABOVE_998


def test_it_refuses_a_target_outside_0_1():
    with pytest.raises(ValueError):
        funnel_limits(1.5, 10, 0.95)


def test_the_denominators_for_drawing_are_ascending_and_reach_the_largest_operator():
    ns = funnel_denominators(1234)
    assert ns[0] == 1 and ns[-1] == 1234
    assert ns == sorted(set(ns))
    assert len(funnel_curve(0.1, ns, 0.95)) == len(ns)


targets = st.floats(min_value=0.005, max_value=0.995)
levels = st.sampled_from([0.95, 0.998])


@given(targets, st.integers(min_value=1, max_value=5000), levels)
def test_normal_limits_widen_as_the_denominator_shrinks(target, n, level):
    small = funnel_limits(target, n, level, FunnelMethod.NORMAL)
    large = funnel_limits(target, n + 1, level, FunnelMethod.NORMAL)
    assert small.low <= large.low <= target <= large.high <= small.high


@given(targets, st.integers(min_value=1, max_value=3000), levels)
def test_exact_limits_widen_when_the_denominator_halves(target, n, level):
    # Binomial limits move in steps; once n*p*(1-p) >= 1 halving n always widens them.
    if n * target * (1 - target) < 1:
        return
    small = funnel_limits(target, n, level)
    large = funnel_limits(target, 2 * n, level)
    assert small.low <= large.low + 1e-12
    assert large.high <= small.high + 1e-12


@given(targets, st.integers(min_value=1, max_value=3000), levels)
def test_exact_limits_stay_in_0_1_and_around_the_target(target, n, level):
    limits = funnel_limits(target, n, level)
    assert 0.0 <= limits.low <= limits.high <= 1.0
    assert limits.low <= target + 1e-9
