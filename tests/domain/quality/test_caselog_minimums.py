"""Trainee case-log minimums as versioned reference data, and progress against them."""

import tomllib
from pathlib import Path

import pytest

from irsuite.domain.catalogue import Family
from irsuite.domain.quality.caselog import (
    TraineeRole,
    count_by_family_and_role,
    parse_minimum_sets,
    progress,
    total_progress,
)

DATA = Path(__file__).parents[3] / "src/irsuite/reference/data/caselog_minimums.toml"
RAW = tomllib.loads(DATA.read_text(encoding="utf-8"))
SETS = parse_minimum_sets(RAW)


def test_the_minimums_are_versioned_and_marked_unverified():
    assert RAW["meta"]["version"]
    for minimum_set in SETS.values():
        assert minimum_set.version == RAW["meta"]["version"]
        assert minimum_set.verified is False
        assert minimum_set.source


def test_every_family_of_the_catalogue_has_a_minimum_in_the_residencies():
    for code in ("ir_integrated", "ir_independent"):
        assert {m.family for m in SETS[code].minimums} == set(Family)


def test_only_primary_cases_count_towards_a_residency_minimum():
    cases = [(Family.ARTERIAL, TraineeRole.PRIMARY)] * 3 + [
        (Family.ARTERIAL, TraineeRole.ASSISTANT),
        (Family.ARTERIAL, TraineeRole.OBSERVER),
        (Family.VENOUS, TraineeRole.PRIMARY),
    ]
    rows = {p.family: p for p in progress(count_by_family_and_role(cases), SETS["ir_integrated"])}
    assert rows["arterial"].counted == 3
    assert rows["venous"].counted == 1
    assert not rows["arterial"].met
    assert rows["arterial"].fraction == pytest.approx(3 / rows["arterial"].minimum)


def test_a_fellowship_may_count_assistant_cases_too():
    cases = [(Family.ARTERIAL, TraineeRole.ASSISTANT)] * 60
    rows = {p.family: p for p in progress(count_by_family_and_role(cases), SETS["ir_fellowship"])}
    assert rows["arterial"].met
    assert rows["arterial"].fraction == 1.0


def test_the_total_counts_every_family():
    counts = count_by_family_and_role(
        [(Family.VENOUS, TraineeRole.PRIMARY), (Family.NON_VASCULAR, TraineeRole.PRIMARY)]
    )
    total = total_progress(counts, SETS["ir_integrated"], frozenset({TraineeRole.PRIMARY}))
    assert total.counted == 2 and total.minimum == SETS["ir_integrated"].total_minimum


def test_a_family_outside_the_catalogue_is_refused():
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    data["programme"][0]["minimum"][0]["family"] = "cardiac"
    with pytest.raises(ValueError):
        parse_minimum_sets(data)


def test_a_negative_minimum_is_refused():
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    data["programme"][0]["minimum"][0]["minimum"] = -1
    with pytest.raises(ValueError, match="whole number"):
        parse_minimum_sets(data)
