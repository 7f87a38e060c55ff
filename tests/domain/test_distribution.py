"""Histogram bins and box-plot summaries sent to the dose dashboard's charts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.distribution import (
    BinScale,
    bin_count,
    bin_edges,
    box_summaries,
    box_summary,
    choose_scale,
    count_in_bins,
    histogram,
)
from irsuite.domain.dose_drl import summarise

dose_values = st.lists(
    st.floats(min_value=0.0, max_value=1e7, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=300,
)
signed_values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=300,
)


def test_the_number_of_bins_follows_the_square_root_rule_up_to_a_ceiling() -> None:
    assert [bin_count(n) for n in (0, 1, 4, 20, 200, 83_000)] == [0, 1, 2, 5, 15, 30]
    assert bin_count(83_000, maximum=12) == 12


def test_skewed_positive_doses_get_log_spaced_bins_and_a_narrow_range_linear_ones() -> None:
    assert choose_scale(0.5, 300.0) is BinScale.LOG
    assert choose_scale(20.0, 90.0) is BinScale.LINEAR
    assert choose_scale(90.0, 1100.0) is BinScale.LINEAR  # one decade reads better evenly
    assert choose_scale(0.0, 300.0) is BinScale.LINEAR  # a zero has no logarithm


def test_log_spaced_edges_grow_by_a_constant_ratio_from_the_minimum_to_the_maximum() -> None:
    edges = bin_edges(1.0, 1000.0, 3, BinScale.LOG)
    assert edges[0] == 1.0 and edges[-1] == 1000.0
    assert edges[1:3] == pytest.approx((10.0, 100.0))


def test_evenly_spaced_edges_split_the_range_into_equal_widths() -> None:
    assert bin_edges(0.0, 60.0, 4, BinScale.LINEAR) == (0.0, 15.0, 30.0, 45.0, 60.0)


def test_a_single_repeated_value_gets_one_bin_around_it() -> None:
    result = histogram([42.0, 42.0, 42.0])
    assert result.counts == (3,)
    assert result.edges[0] < 42.0 < result.edges[1]
    assert histogram([0.0]).edges == (-0.5, 0.5)


def test_an_empty_series_has_an_empty_histogram() -> None:
    result = histogram([])
    assert result.edges == () and result.counts == () and result.total == 0


def test_the_maximum_is_counted_in_the_last_bin_and_an_edge_value_in_the_bin_it_opens() -> None:
    assert count_in_bins([0.0, 15.0, 29.9, 60.0], (0.0, 15.0, 30.0, 45.0, 60.0)) == (1, 2, 0, 1)


def test_a_value_outside_the_edges_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        count_in_bins([61.0], (0.0, 60.0))


def test_log_bins_refuse_a_range_that_reaches_zero() -> None:
    with pytest.raises(ValueError, match="positive"):
        bin_edges(0.0, 10.0, 3, BinScale.LOG)


def test_the_box_median_and_third_quartile_are_the_drl_tables_median_and_local_drl() -> None:
    values = [30.0, 12.5, 7.0, 90.0, 41.0, 18.0, 250.0]
    box = box_summary(sorted(values))
    drl = summarise(values)
    assert drl is not None
    assert (box.median, box.q3, box.minimum, box.maximum, box.count) == (
        drl.median,
        drl.p75,
        drl.minimum,
        drl.maximum,
        drl.count,
    )
    assert box.q1 == 12.5 + (18.0 - 12.5) * 0.5  # rank 1.5 of 7, interpolated


def test_box_summaries_are_made_per_key() -> None:
    boxes = box_summaries([("Suite 1", 10.0), ("Suite 2", 4.0), ("Suite 1", 30.0)])
    assert boxes["Suite 1"].median == 20.0 and boxes["Suite 1"].count == 2
    assert boxes["Suite 2"].minimum == boxes["Suite 2"].maximum == 4.0


def test_a_box_needs_a_value() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        box_summary([])


@given(st.one_of(dose_values, signed_values))
def test_every_value_falls_in_exactly_one_bin_and_the_counts_add_up(values: list[float]) -> None:
    result = histogram(values)
    assert result.total == len(values)
    assert len(result.edges) == len(result.counts) + 1
    assert all(a < b for a, b in zip(result.edges, result.edges[1:], strict=False))
    assert len(result.counts) <= 30
    last = len(result.counts) - 1
    recount = [0] * len(result.counts)
    for value in values:
        holding = [
            i
            for i in range(len(result.counts))
            if result.edges[i] <= value < result.edges[i + 1]
            or (i == last and value == result.edges[-1])
        ]
        assert len(holding) == 1
        recount[holding[0]] += 1
    assert tuple(recount) == result.counts


@given(dose_values)
def test_quartiles_are_ordered_within_the_range(values: list[float]) -> None:
    box = box_summary(sorted(values))
    assert box.minimum <= box.q1 <= box.median <= box.q3 <= box.maximum
    assert box.count == len(values)
