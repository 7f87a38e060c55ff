"""Axes a reader can read: 1-2-5 steps, whole numbers on counts, powers of ten on log axes."""

from __future__ import annotations

import math

import pytest

from irsuite.charts.scales import LinearScale, LogScale, nice_step, number, percent


@pytest.mark.parametrize("high", [3, 7, 16, 37, 151, 1234])
def test_a_count_axis_ticks_whole_numbers_only(high: int) -> None:
    scale = LinearScale.nice(0, high, integer=True)
    assert all(t == int(t) for t in scale.ticks)
    assert scale.ticks[0] <= 0 and scale.ticks[-1] >= high
    assert 2 <= len(scale.ticks) <= 12


def test_a_linear_axis_steps_by_one_two_or_five_times_a_power_of_ten() -> None:
    for span in (0.27, 3.3, 48, 960, 12_345):
        step = nice_step(span, 6)
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert round(mantissa, 6) in {1.0, 2.0, 2.5, 5.0}


def test_a_log_axis_ticks_powers_of_ten_and_ends_near_the_data() -> None:
    scale = LogScale.nice(0.16, 190)
    assert (scale.low, scale.high) == (0.1, 200)
    assert {0.1, 1.0, 10.0, 100.0} <= set(scale.ticks)


def test_a_log_axis_over_many_decades_labels_only_some() -> None:
    assert len(LogScale.nice(1e-3, 1e15).ticks) <= 10


def test_a_log_count_axis_starts_at_one() -> None:
    assert LogScale.nice(0, 300, integer=True).low == 1


def test_numbers_read_as_a_person_writes_them() -> None:
    assert number(12_345.6) == "12,346"
    assert number(0.1 + 0.2) == "0.3"
    assert number(2.50, 2) == "2.5"
    assert number(-0.0) == "0"
    assert percent(0.0425) == "4.25%"
