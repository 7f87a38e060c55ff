"""Wilson score and exact Poisson intervals."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.quality.intervals import (
    per_thousand_catheter_days,
    poisson_interval,
    wilson_interval,
    z_for_confidence,
)

counts = st.integers(min_value=0, max_value=5000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)
zs = st.floats(min_value=0.1, max_value=4.0)


def test_the_95_percent_quantile_is_the_familiar_1_96():
    assert z_for_confidence(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_for_confidence(0.998) == pytest.approx(3.090232, abs=1e-6)


def test_zero_events_in_ten_gives_an_upper_limit_near_28_percent():
    interval = wilson_interval(0, 10)
    assert interval.low == 0.0
    assert interval.high == pytest.approx(0.2775, abs=1e-4)


def test_five_of_ten_gives_the_published_wilson_limits():
    interval = wilson_interval(5, 10)
    assert interval.estimate == 0.5
    assert interval.low == pytest.approx(0.2366, abs=1e-4)
    assert interval.high == pytest.approx(0.7634, abs=1e-4)


def test_it_uses_any_z_it_is_given():
    at_99 = wilson_interval(20, 100, z_for_confidence(0.99))
    at_95 = wilson_interval(20, 100)
    assert at_99.low < at_95.low and at_99.high > at_95.high
    # 20/100 at z = 2.5758: centre and half-width from the score formula worked by hand.
    z = z_for_confidence(0.99)
    centre = (0.2 + z * z / 200) / (1 + z * z / 100)
    half = z * math.sqrt(0.2 * 0.8 / 100 + z * z / 40000) / (1 + z * z / 100)
    assert at_99.low == pytest.approx(centre - half)
    assert at_99.high == pytest.approx(centre + half)


def test_an_empty_denominator_says_nothing_is_known():
    interval = wilson_interval(0, 0)
    assert (interval.low, interval.high) == (0.0, 1.0)


def test_it_refuses_more_events_than_cases():
    with pytest.raises(ValueError, match="cannot exceed"):
        wilson_interval(11, 10)


@given(counts, zs)
def test_the_wilson_interval_contains_the_point_estimate_and_stays_in_0_1(pair, z):
    events, n = pair
    interval = wilson_interval(events, n, z)
    assert 0.0 <= interval.low <= interval.estimate <= interval.high <= 1.0


@given(st.integers(min_value=1, max_value=2000), st.floats(min_value=0.0, max_value=1.0))
def test_the_wilson_interval_narrows_as_n_grows_at_the_same_rate(n, rate):
    events = round(rate * n)
    small = wilson_interval(events, n)
    large = wilson_interval(events * 4, n * 4)
    assert large.high - large.low < small.high - small.low


@given(counts, zs)
def test_the_wilson_interval_is_symmetric_under_complement(pair, z):
    events, n = pair
    interval = wilson_interval(events, n, z)
    complement = wilson_interval(n - events, n, z)
    assert interval.low == pytest.approx(1.0 - complement.high, abs=1e-12)
    assert interval.high == pytest.approx(1.0 - complement.low, abs=1e-12)


def test_no_events_gives_the_classic_upper_limit_of_3_69():
    interval = poisson_interval(0)
    assert interval.low == 0.0
    assert interval.high == pytest.approx(-math.log(0.025), rel=1e-9)


def test_one_event_gives_garwoods_tabulated_limits():
    interval = poisson_interval(1)
    assert interval.low == pytest.approx(0.0253, abs=1e-4)
    assert interval.high == pytest.approx(5.5716, abs=1e-4)


def test_ten_events_gives_garwoods_tabulated_limits():
    interval = poisson_interval(10)
    assert interval.low == pytest.approx(4.7954, abs=1e-4)
    assert interval.high == pytest.approx(18.3904, abs=1e-4)


def test_crbsi_is_reported_per_thousand_catheter_days():
    rate = per_thousand_catheter_days(3, 2500)
    assert rate.estimate == pytest.approx(1.2)
    assert rate.low < 1.2 < rate.high
    assert rate.high == pytest.approx(poisson_interval(3).high * 1000 / 2500)


def test_it_refuses_a_rate_without_catheter_days():
    with pytest.raises(ValueError, match="positive"):
        per_thousand_catheter_days(1, 0)


@given(st.integers(min_value=0, max_value=300))
def test_the_poisson_interval_contains_the_count(events):
    interval = poisson_interval(events)
    assert interval.low <= events <= interval.high
