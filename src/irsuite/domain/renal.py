"""Renal function for drug rules: Cockcroft-Gault creatinine clearance.

The coefficients are reference data (``bleeding_risk.toml``, table ``cockcroft_gault``), passed
in as :class:`CockcroftGault`; nothing clinical is hard-coded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Sex(StrEnum):
    """Sex as used by the Cockcroft-Gault equation."""

    FEMALE = "female"
    MALE = "male"


class CreatinineUnit(StrEnum):
    """Units a serum creatinine arrives in."""

    UMOL_PER_L = "umol/L"
    MG_PER_DL = "mg/dL"


@dataclass(frozen=True)
class CockcroftGault:
    """Coefficients of the Cockcroft-Gault equation with their provenance."""

    age_offset: float
    divisor: float
    female_factor: float
    creatinine_umol_l_per_mg_dl: float
    source: str
    verified: bool


class RenalInputError(ValueError):
    """An input to the clearance calculation cannot be used; the message says which."""


def creatinine_mg_dl(value: float, unit: CreatinineUnit, coefficients: CockcroftGault) -> float:
    """Return a serum creatinine in mg/dL, converting from micromol/L when needed."""
    if value <= 0:
        raise RenalInputError(f"Serum creatinine must be positive, got {value:g} {unit.value}.")
    if unit is CreatinineUnit.MG_PER_DL:
        return value
    return value / coefficients.creatinine_umol_l_per_mg_dl


def cockcroft_gault(
    *,
    age_years: float,
    weight_kg: float,
    sex: Sex,
    creatinine: float,
    unit: CreatinineUnit,
    coefficients: CockcroftGault,
) -> float:
    """Estimate creatinine clearance in mL/min with the Cockcroft-Gault equation.

    Uses actual body weight; the caller decides whether another weight applies.
    """
    if age_years <= 0 or age_years >= coefficients.age_offset:
        raise RenalInputError(f"Age {age_years:g} years is outside what the equation accepts.")
    if weight_kg <= 0:
        raise RenalInputError(f"Weight must be positive, got {weight_kg:g} kg.")
    scr = creatinine_mg_dl(creatinine, unit, coefficients)
    clearance = (coefficients.age_offset - age_years) * weight_kg / (coefficients.divisor * scr)
    if sex is Sex.FEMALE:
        clearance *= coefficients.female_factor
    return clearance
