"""The local DRL table: the 75th percentile per procedure type beside the published levels."""

from __future__ import annotations

import pytest

from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.dose.reference import published_drls
from irsuite.dose.reference_levels.queries import drl_table

KAP = DoseQuantity.KAP_GYCM2


def _published(code: str) -> float:
    return next(
        p.value for p in published_drls() if code in p.catalogue_codes and p.quantity is KAP
    )


def test_each_procedure_type_gets_its_median_and_75th_percentile() -> None:
    values = [("PTBD", "Biliary drainage", v) for v in (10.0, 20.0, 30.0, 40.0)]
    values += [("NEPH", "Nephrostomy", 5.0)]
    table = drl_table(values, KAP)
    assert [row["code"] for row in table] == ["NEPH", "PTBD"]
    ptbd = table[1]
    assert (ptbd["name"], ptbd["count"], ptbd["median"]) == ("Biliary drainage", 4, 25.0)
    assert ptbd["p75"] == pytest.approx(32.5)
    assert (ptbd["minimum"], ptbd["maximum"]) == (10.0, 40.0)


def test_the_local_drl_is_compared_with_each_published_level() -> None:
    table = drl_table([("PTBD", "Biliary drainage", 60.0)], KAP)
    published = table[0]["published"]
    assert published, "the reference file has a published KAP level for biliary drainage"
    level = _published("PTBD")
    assert published[0]["value"] == level
    assert published[0]["ratio"] == pytest.approx(60.0 / level)
    assert {"country", "source", "verified"} <= set(published[0])


def test_a_procedure_type_without_a_published_level_shows_none() -> None:
    table = drl_table([("ZZZ", "Not in the reference file", 1.0)], KAP)
    assert table[0]["published"] == []


def test_no_study_makes_an_empty_table() -> None:
    assert drl_table([], KAP) == []
