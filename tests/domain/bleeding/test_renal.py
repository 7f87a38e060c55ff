"""Cockcroft-Gault creatinine clearance."""

from __future__ import annotations

import pytest

from irsuite.domain.bleeding import BleedingRules
from irsuite.domain.renal import CreatinineUnit, RenalInputError, Sex, cockcroft_gault


def test_it_estimates_clearance_for_a_man_in_mg_per_dl(rules: BleedingRules) -> None:
    crcl = cockcroft_gault(
        age_years=60,
        weight_kg=72,
        sex=Sex.MALE,
        creatinine=1.0,
        unit=CreatinineUnit.MG_PER_DL,
        coefficients=rules.cockcroft_gault,
    )
    assert crcl == pytest.approx(80.0)


def test_it_lowers_clearance_by_the_female_factor(rules: BleedingRules) -> None:
    crcl = cockcroft_gault(
        age_years=60,
        weight_kg=72,
        sex=Sex.FEMALE,
        creatinine=1.0,
        unit=CreatinineUnit.MG_PER_DL,
        coefficients=rules.cockcroft_gault,
    )
    assert crcl == pytest.approx(68.0)


def test_it_converts_creatinine_from_micromol_per_litre(rules: BleedingRules) -> None:
    crcl = cockcroft_gault(
        age_years=80,
        weight_kg=60,
        sex=Sex.MALE,
        creatinine=176.8,
        unit=CreatinineUnit.UMOL_PER_L,
        coefficients=rules.cockcroft_gault,
    )
    assert crcl == pytest.approx(25.0)


@pytest.mark.parametrize(
    ("age", "weight", "creatinine"),
    [(0, 70, 1.0), (150, 70, 1.0), (60, 0, 1.0), (60, 70, 0.0), (60, 70, -1.0)],
)
def test_it_refuses_values_the_equation_cannot_take(
    rules: BleedingRules, age: float, weight: float, creatinine: float
) -> None:
    with pytest.raises(RenalInputError):
        cockcroft_gault(
            age_years=age,
            weight_kg=weight,
            sex=Sex.MALE,
            creatinine=creatinine,
            unit=CreatinineUnit.MG_PER_DL,
            coefficients=rules.cockcroft_gault,
        )
