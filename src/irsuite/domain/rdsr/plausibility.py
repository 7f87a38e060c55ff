"""Plausibility bounds for values read from a report (reference data, not code)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.units import Quantity


@dataclass(frozen=True, slots=True)
class Bound:
    """The range a value of one quantity must fall in, in irsuite's unit."""

    quantity: Quantity
    minimum: float
    maximum: float
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class PlausibilityBounds:
    """Bounds per quantity; quantities without a bound are not checked."""

    bounds: Mapping[Quantity, Bound]

    def check(self, value: float, quantity: Quantity, concept: str) -> float:
        """The value itself, or RdsrError when it is negative or outside its bound."""
        bound = self.bounds.get(quantity)
        if bound is None:
            return value
        if value < bound.minimum:
            kind = (
                ErrorKind.NEGATIVE_VALUE
                if value < 0 <= bound.minimum
                else ErrorKind.IMPLAUSIBLE_VALUE
            )
            raise RdsrError(
                kind,
                f"concept {concept} has value {value:g} {quantity.value}, below the plausible "
                f"minimum {bound.minimum:g} {quantity.value}",
            )
        if value > bound.maximum:
            raise RdsrError(
                ErrorKind.IMPLAUSIBLE_VALUE,
                f"concept {concept} has value {value:g} {quantity.value}, above the plausible "
                f"maximum {bound.maximum:g} {quantity.value}; check the unit the device wrote",
            )
        return value


def parse_plausibility(data: Mapping[str, Any]) -> PlausibilityBounds:
    """Bounds from the parsed `dose_plausibility.toml`."""
    bounds: dict[Quantity, Bound] = {}
    for row in data.get("bound", []):
        quantity = Quantity[str(row["quantity"]).upper()]
        bounds[quantity] = Bound(
            quantity=quantity,
            minimum=float(row["minimum"]),
            maximum=float(row["maximum"]),
            source=str(row["source"]),
            verified=bool(row["verified"]),
        )
    return PlausibilityBounds(bounds=bounds)
