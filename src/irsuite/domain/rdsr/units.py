"""UCUM units of RDSR measured values, converted to the units irsuite stores.

Conversion factors are definitions of the units (1 Gy·m² = 10 000 Gy·cm²), not clinical
numbers, so they live here. Vendor misspellings are mapped in `quirks.py` before lookup.
"""

from __future__ import annotations

from enum import StrEnum

from irsuite.domain.rdsr.errors import ErrorKind, RdsrError


class Quantity(StrEnum):
    """A physical quantity, named with the unit irsuite stores it in."""

    AIR_KERMA_MGY = "mGy"
    KAP_GYCM2 = "Gy·cm²"
    TIME_S = "s"
    DLP_MGYCM = "mGy·cm"
    LENGTH_MM = "mm"
    AREA_CM2 = "cm²"
    VOLTAGE_KV = "kV"
    CURRENT_MA = "mA"
    ANGLE_DEG = "deg"
    RATE_PER_S = "1/s"
    COUNT = "1"


_AIR_KERMA = {"Gy": 1000.0, "dGy": 100.0, "cGy": 10.0, "mGy": 1.0, "uGy": 0.001}
_KAP = {
    "Gy.m2": 10_000.0,
    "dGy.m2": 1_000.0,
    "cGy.m2": 100.0,
    "mGy.m2": 10.0,
    "uGy.m2": 0.01,
    "Gy.cm2": 1.0,
    "dGy.cm2": 0.1,
    "cGy.cm2": 0.01,
    "mGy.cm2": 0.001,
    "uGy.cm2": 0.000_001,
}
_TIME = {"s": 1.0, "ms": 0.001, "us": 0.000_001, "min": 60.0, "h": 3600.0}
_DLP = {"mGy.cm": 1.0, "Gy.cm": 1000.0, "mGy.mm": 0.1, "mGy.m": 100.0, "cGy.cm": 10.0}
_LENGTH = {"mm": 1.0, "cm": 10.0, "m": 1000.0, "um": 0.001}
_AREA = {"cm2": 1.0, "mm2": 0.01, "m2": 10_000.0}
_VOLTAGE = {"kV": 1.0, "V": 0.001}
_CURRENT = {"mA": 1.0, "A": 1000.0, "uA": 0.001}
_ANGLE = {"deg": 1.0}
_RATE = {"{pulse}/s": 1.0, "/s": 1.0, "1/s": 1.0, "Hz": 1.0, "{frames}/s": 1.0}
_COUNT = {"1": 1.0, "{events}": 1.0, "{frames}": 1.0, "{pulses}": 1.0, "{pulse}": 1.0}

FACTORS: dict[Quantity, dict[str, float]] = {
    Quantity.AIR_KERMA_MGY: _AIR_KERMA,
    Quantity.KAP_GYCM2: _KAP,
    Quantity.TIME_S: _TIME,
    Quantity.DLP_MGYCM: _DLP,
    Quantity.LENGTH_MM: _LENGTH,
    Quantity.AREA_CM2: _AREA,
    Quantity.VOLTAGE_KV: _VOLTAGE,
    Quantity.CURRENT_MA: _CURRENT,
    Quantity.ANGLE_DEG: _ANGLE,
    Quantity.RATE_PER_S: _RATE,
    Quantity.COUNT: _COUNT,
}


def convert(value: float, unit: str | None, quantity: Quantity, concept: str = "") -> float:
    """Convert `value` given in UCUM `unit` to irsuite's unit for `quantity`.

    Raises RdsrError (MISSING_UNIT or UNKNOWN_UNIT) when the unit is absent or is not a unit
    of that quantity, so that the report is quarantined instead of being misread.
    """
    if unit is None or not unit.strip():
        raise RdsrError(
            ErrorKind.MISSING_UNIT,
            f"the value of concept {concept or '?'} has no unit; a dose value cannot be read "
            "without one",
        )
    factor = FACTORS[quantity].get(unit.strip())
    if factor is None:
        raise RdsrError(
            ErrorKind.UNKNOWN_UNIT,
            f"unit '{unit}' of concept {concept or '?'} is not a known unit of "
            f"{quantity.name.lower()} (expected one of {', '.join(sorted(FACTORS[quantity]))})",
        )
    return value * factor
