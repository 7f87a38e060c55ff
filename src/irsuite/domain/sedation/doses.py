"""Sedation doses checked against the reference range of the drug and route.

A dose above the usual single dose, or a running total for the episode above the usual total,
gives a warning the nurse must acknowledge; a drug given by a route with no range, or in a unit
that cannot be compared, gives one too (the check could not be made).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class DoseUnit(StrEnum):
    """Units a sedation dose is recorded in."""

    MG = "mg"
    MICROGRAM = "microgram"
    ML = "ml"
    UNIT = "unit"


UNIT_WORDS = {DoseUnit.MG: "mg", DoseUnit.MICROGRAM: "micrograms", DoseUnit.ML: "mL"}
UNIT_WORDS[DoseUnit.UNIT] = "units"
_MICROGRAMS_PER_MG = Decimal(1000)


class DoseProblem(StrEnum):
    """Why a dose needs a second look."""

    ABOVE_SINGLE = "above_single"
    ABOVE_TOTAL = "above_total"
    NO_RANGE = "no_range"
    UNIT_NOT_COMPARABLE = "unit_not_comparable"


@dataclass(frozen=True)
class RouteRange:
    """The usual doses of one drug by one route, with where they come from."""

    unit: DoseUnit
    single_max: Decimal
    total_max: Decimal | None
    older_single_max: Decimal | None
    older_total_max: Decimal | None
    source: str
    verified: bool

    def limits(self, older: bool) -> tuple[Decimal, Decimal | None]:
        """(single, total) maxima for an adult, or an older adult when ``older``."""
        single = self.older_single_max if older and self.older_single_max else self.single_max
        total = self.older_total_max if older and self.older_total_max else self.total_max
        return single, total


@dataclass(frozen=True)
class DrugReference:
    """One drug of the list: its label, whether it reverses sedation, its ranges by route."""

    key: str
    label: str
    reversal: bool
    concentration_mg_per_ml: Decimal | None
    routes: Mapping[str, RouteRange]


@dataclass(frozen=True)
class SedationDrugs:
    """Everything in ``sedation_drugs.toml``."""

    version: str
    older_adult_from_age: int
    drugs: Mapping[str, DrugReference]


@dataclass(frozen=True)
class Dose:
    """An amount in a unit."""

    amount: Decimal
    unit: DoseUnit


@dataclass(frozen=True)
class DoseWarning:
    """One reason to check a dose, in words for the nurse."""

    problem: DoseProblem
    message: str


def parse_sedation_drugs(data: Mapping[str, Any]) -> SedationDrugs:
    """Parse ``sedation_drugs.toml`` (as a dict); a ValueError names what is wrong."""
    drugs: dict[str, DrugReference] = {}
    for raw in data["drug"]:
        key = str(raw["key"])
        if key in drugs:
            raise ValueError(f"sedation_drugs.toml lists {key} twice")
        routes = {str(r): _route_range(key, str(r), v) for r, v in raw["route"].items()}
        if not routes:
            raise ValueError(f"sedation_drugs.toml: {key} needs at least one route")
        concentration = raw.get("concentration_mg_per_ml")
        drugs[key] = DrugReference(
            key=key,
            label=str(raw["label"]),
            reversal=bool(raw["reversal"]),
            concentration_mg_per_ml=None if concentration is None else _decimal(concentration),
            routes=routes,
        )
    meta = data["meta"]
    return SedationDrugs(str(meta["version"]), int(meta["older_adult_from_age"]), drugs)


def _route_range(drug: str, route: str, raw: Mapping[str, Any]) -> RouteRange:
    unit = DoseUnit(str(raw["unit"]))
    if unit not in (DoseUnit.MG, DoseUnit.MICROGRAM):
        raise ValueError(f"sedation_drugs.toml: {drug} {route} range must be in mg or microgram")
    if not str(raw.get("source", "")).strip() or not isinstance(raw.get("verified"), bool):
        raise ValueError(f"sedation_drugs.toml: {drug} {route} needs a source and verified")
    found = RouteRange(
        unit=unit,
        single_max=_decimal(raw["single_max"]),
        total_max=_optional(raw.get("total_max")),
        older_single_max=_optional(raw.get("older_single_max")),
        older_total_max=_optional(raw.get("older_total_max")),
        source=str(raw["source"]),
        verified=bool(raw["verified"]),
    )
    if found.total_max is not None and found.total_max < found.single_max:
        raise ValueError(f"sedation_drugs.toml: {drug} {route} total_max is below single_max")
    return found


def _decimal(value: object) -> Decimal:
    number = Decimal(str(value))
    if number <= 0:
        raise ValueError(f"a dose limit must be positive; got {value!r}")
    return number


def _optional(value: object) -> Decimal | None:
    return None if value is None else _decimal(value)


def convert(dose: Dose, unit: DoseUnit, drug: DrugReference) -> Decimal | None:
    """The dose in ``unit`` (mg, micrograms; mL through the drug's concentration), or None."""
    amount, given = dose.amount, dose.unit
    if given is DoseUnit.ML:
        if drug.concentration_mg_per_ml is None:
            return None
        amount, given = amount * drug.concentration_mg_per_ml, DoseUnit.MG
    if given is unit:
        return amount
    if given is DoseUnit.MG and unit is DoseUnit.MICROGRAM:
        return amount * _MICROGRAMS_PER_MG
    if given is DoseUnit.MICROGRAM and unit is DoseUnit.MG:
        return amount / _MICROGRAMS_PER_MG
    return None


def check_dose(
    drug: DrugReference,
    route: str,
    dose: Dose,
    given_before: Sequence[Dose] = (),
    older: bool = False,
) -> tuple[DoseWarning, ...]:
    """Warnings for ``dose`` of ``drug`` by ``route``; ``given_before``: earlier doses of the
    same drug by the same route in this episode; ``older``: an older adult's limits apply."""
    what = f"{drug.label} {_words(dose.amount, dose.unit)} {route}"
    found = drug.routes.get(route)
    if found is None:
        known = ", ".join(drug.routes)
        message = f"There is no reference dose for {drug.label} by {route} (known: {known})."
        return (DoseWarning(DoseProblem.NO_RANGE, message + " Check the route and the dose."),)
    amount = convert(dose, found.unit, drug)
    if amount is None:
        message = f"{what} cannot be compared with the reference range in {found.unit}."
        return (DoseWarning(DoseProblem.UNIT_NOT_COMPARABLE, message + " Check the unit."),)
    single, total = found.limits(older)
    whose = " for an older adult" if older and single != found.single_max else ""
    checked = "" if found.verified else " (reference range not yet verified locally)"
    warnings = []
    if amount > single:
        usual = _words(single, found.unit)
        warnings.append(
            DoseWarning(
                DoseProblem.ABOVE_SINGLE,
                f"{what} is above the usual single dose of {usual}{whose}{checked}.",
            )
        )
    earlier = [convert(d, found.unit, drug) for d in given_before]
    running = amount + sum((a for a in earlier if a is not None), Decimal(0))
    if total is not None and running > total:
        warnings.append(
            DoseWarning(
                DoseProblem.ABOVE_TOTAL,
                f"{drug.label} {route} would total {_words(running, found.unit)} in this episode, "
                f"above the usual total of {_words(total, found.unit)}{whose}{checked}.",
            )
        )
    return tuple(warnings)


def _words(amount: Decimal, unit: DoseUnit) -> str:
    return f"{amount.normalize():f} {UNIT_WORDS[unit]}"


def fingerprint(warnings: Sequence[DoseWarning]) -> str:
    """A short digest of the warnings shown: an acknowledgement holds for exactly these."""
    text = "\n".join(f"{w.problem.value}:{w.message}" for w in warnings)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
