"""Scheduling reference data: priority weights, late credit and room turnover.

The values live in ``reference/data/scheduling.toml``; this module only checks and types them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from irsuite.domain.booking.model import Priority


@dataclass(frozen=True, slots=True)
class Sourced:
    """Where a value comes from and whether someone checked it."""

    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class SchedulingReference:
    """The numbers the auto-scheduler weighs cases with."""

    weights: Mapping[Priority, int]
    late_credit: float
    turnover_min: int
    provenance: Mapping[str, Sourced]
    version: str = ""

    def weight(self, priority: Priority) -> int:
        """The weight of one case of ``priority``."""
        return self.weights[priority]


def _sourced(table: Mapping[str, Any], where: str) -> Sourced:
    source = table.get("source")
    verified = table.get("verified")
    if not isinstance(source, str) or not source:
        raise ValueError(f"scheduling reference: [{where}] needs a non-empty 'source'")
    if not isinstance(verified, bool):
        raise ValueError(f"scheduling reference: [{where}] needs 'verified = true|false'")
    return Sourced(source=source, verified=verified)


def _positive_int(table: Mapping[str, Any], key: str, where: str, minimum: int) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"scheduling reference: [{where}] {key} must be an integer >= {minimum}")
    return value


def parse_scheduling_reference(data: Mapping[str, Any]) -> SchedulingReference:
    """Build the reference from the parsed TOML; raises ``ValueError`` naming what is wrong."""
    priorities = data.get("priority", {})
    weights: dict[Priority, int] = {}
    provenance: dict[str, Sourced] = {}
    for priority in Priority:
        where = f"priority.{priority.value}"
        table = priorities.get(priority.value)
        if not isinstance(table, Mapping):
            raise ValueError(f"scheduling reference: [{where}] is missing")
        weights[priority] = _positive_int(table, "weight", where, minimum=1)
        provenance[where] = _sourced(table, where)
    late = data.get("late", {})
    credit = late.get("credit")
    if not isinstance(credit, int | float) or isinstance(credit, bool) or not 0 <= credit <= 1:
        raise ValueError("scheduling reference: [late] credit must be a number from 0 to 1")
    provenance["late"] = _sourced(late, "late")
    room = data.get("room", {})
    turnover = _positive_int(room, "turnover_min", "room", minimum=0)
    provenance["room"] = _sourced(room, "room")
    return SchedulingReference(
        weights=weights,
        late_credit=float(credit),
        turnover_min=turnover,
        provenance=provenance,
        version=str(data.get("meta", {}).get("version", "")),
    )
