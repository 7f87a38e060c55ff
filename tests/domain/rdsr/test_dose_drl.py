"""Local DRL statistics (75th percentile, median, counts) and published DRLs."""

from __future__ import annotations

import statistics
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdsr_samples import REFERENCE

from irsuite.domain.dose_drl import (
    facility_median_drl,
    local_drls,
    parse_reference_levels,
    percentile,
    published_for,
    ratio_to_published,
    sum_by_key,
    summarise,
)
from irsuite.domain.dose_thresholds import DoseQuantity


def test_the_local_drl_is_the_75th_percentile_and_the_median_is_beside_it() -> None:
    summary = summarise([10.0, 20.0, 30.0, 40.0, 50.0])
    assert summary is not None
    assert (summary.count, summary.median, summary.p75) == (5, 30.0, 40.0)
    assert (summary.minimum, summary.maximum) == (10.0, 50.0)


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.75) == pytest.approx(3.25)
    assert percentile([7.0], 0.75) == 7.0


@given(st.lists(st.floats(min_value=0, max_value=1e4), min_size=1, max_size=200))
def test_the_median_agrees_with_the_standard_library(values: list[float]) -> None:
    summary = summarise(values)
    assert summary is not None
    assert summary.median == pytest.approx(statistics.median(values), rel=1e-9, abs=1e-9)
    assert summary.minimum <= summary.median <= summary.p75 <= summary.maximum


@given(st.lists(st.floats(min_value=0, max_value=1e4), min_size=2, max_size=200))
def test_the_75th_percentile_agrees_with_the_inclusive_quantile(values: list[float]) -> None:
    summary = summarise(values)
    assert summary is not None
    expected = statistics.quantiles(values, n=4, method="inclusive")[2]
    assert summary.p75 == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_no_values_give_no_summary() -> None:
    assert summarise([]) is None
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_events_are_summed_to_studies_then_summarised_per_procedure() -> None:
    events = [(("UFE", 1), 100.0), (("UFE", 1), 50.0), (("UFE", 2), 90.0), (("PTBD", 3), 12.0)]
    per_study = sum_by_key(events)
    drls = local_drls((procedure, kap) for (procedure, _study), kap in per_study.items())
    assert drls["UFE"].count == 2
    assert drls["UFE"].median == pytest.approx(120.0)
    assert drls["PTBD"].p75 == 12.0


def test_a_national_style_drl_uses_facility_medians() -> None:
    result = facility_median_drl({"A": [1.0, 2.0, 3.0], "B": [10.0, 20.0, 30.0], "C": []})
    assert result is not None
    assert result.count == 2
    assert result.median == pytest.approx(11.0)


def test_published_drls_are_read_with_source_and_matched_to_catalogue_entries() -> None:
    levels = parse_reference_levels(
        tomllib.loads((REFERENCE / "dose_reference_levels.toml").read_text())
    )
    assert all(level.source for level in levels)
    tace = published_for(levels, "TACE", DoseQuantity.KAP_GYCM2)
    assert sorted(level.value for level in tace) == [238, 303]
    ufe = published_for(levels, "UFE", DoseQuantity.KAP_GYCM2)
    assert [level.value for level in ufe] == [214]
    local = summarise([100.0, 200.0, 300.0])
    assert local is not None
    assert ratio_to_published(local, ufe[0]) == pytest.approx(250.0 / 214.0)
