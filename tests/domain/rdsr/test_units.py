"""Units are read from each value and converted to irsuite's units."""

from __future__ import annotations

import math

import pytest

from irsuite.domain.rdsr import ErrorKind, RdsrError
from irsuite.domain.rdsr.units import Quantity, convert

CONVERSIONS = [
    (1.0, "Gy", Quantity.AIR_KERMA_MGY, 1000.0),
    (2.5, "mGy", Quantity.AIR_KERMA_MGY, 2.5),
    (3.0, "dGy", Quantity.AIR_KERMA_MGY, 300.0),
    (1.0, "Gy.m2", Quantity.KAP_GYCM2, 10_000.0),
    (1.0, "dGy.cm2", Quantity.KAP_GYCM2, 0.1),
    (1.0, "cGy.cm2", Quantity.KAP_GYCM2, 0.01),
    (1.0, "mGy.cm2", Quantity.KAP_GYCM2, 0.001),
    (1.0, "uGy.m2", Quantity.KAP_GYCM2, 0.01),
    (5.0, "Gy.cm2", Quantity.KAP_GYCM2, 5.0),
    (2.0, "min", Quantity.TIME_S, 120.0),
    (250.0, "ms", Quantity.TIME_S, 0.25),
    (7.0, "s", Quantity.TIME_S, 7.0),
    (12.0, "mGy.cm", Quantity.DLP_MGYCM, 12.0),
    (0.5, "Gy.cm", Quantity.DLP_MGYCM, 500.0),
    (0.07, "m2", Quantity.AREA_CM2, 700.0),
    (120.0, "cm", Quantity.LENGTH_MM, 1200.0),
]


@pytest.mark.parametrize(("value", "unit", "quantity", "expected"), CONVERSIONS)
def test_it_converts_each_accepted_unit_to_the_stored_unit(
    value: float, unit: str, quantity: Quantity, expected: float
) -> None:
    assert math.isclose(convert(value, unit, quantity), expected, rel_tol=1e-12)


@pytest.mark.parametrize("unit", [None, "", "  "])
def test_a_value_without_a_unit_is_refused_with_a_reason(unit: str | None) -> None:
    with pytest.raises(RdsrError) as caught:
        convert(1.0, unit, Quantity.KAP_GYCM2, "122130")
    assert caught.value.kind is ErrorKind.MISSING_UNIT
    assert "122130" in caught.value.reason


@pytest.mark.parametrize(
    ("unit", "quantity"),
    [("R", Quantity.AIR_KERMA_MGY), ("Gy", Quantity.KAP_GYCM2), ("furlong", Quantity.TIME_S)],
)
def test_an_unknown_or_wrong_kind_of_unit_is_refused(unit: str, quantity: Quantity) -> None:
    with pytest.raises(RdsrError) as caught:
        convert(1.0, unit, quantity)
    assert caught.value.kind is ErrorKind.UNKNOWN_UNIT
    assert unit in caught.value.reason
