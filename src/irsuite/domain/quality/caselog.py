"""Trainee case logs: counts by procedure family and role, and progress against minimums.

Minimum numbers are versioned configuration (``caselog_minimums.toml``), parsed here from a dict.
Programs usually count cases where the trainee was the primary operator.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from irsuite.domain.catalogue import Family


class TraineeRole(enum.Enum):
    """A trainee's role in one case."""

    PRIMARY = "primary"
    ASSISTANT = "assistant"
    OBSERVER = "observer"


@dataclass(frozen=True)
class Minimum:
    """Minimum number of cases in one procedure family, counted for the given roles."""

    family: Family
    label: str
    minimum: int
    roles: frozenset[TraineeRole]


@dataclass(frozen=True)
class MinimumSet:
    """Minimums for one training programme, with provenance."""

    programme: str
    label: str
    version: str
    source: str
    verified: bool
    total_minimum: int
    minimums: tuple[Minimum, ...]


@dataclass(frozen=True)
class Progress:
    """A trainee's count in one family against its minimum."""

    family: str  # a catalogue Family value
    label: str
    counted: int
    minimum: int

    @property
    def met(self) -> bool:
        """True when the count reaches the minimum."""
        return self.counted >= self.minimum

    @property
    def fraction(self) -> float:
        """Progress as a fraction, capped at 1."""
        return 1.0 if self.minimum == 0 else min(1.0, self.counted / self.minimum)


def _parse_minimum(item: Mapping[str, object], default_roles: frozenset[TraineeRole]) -> Minimum:
    value = item["minimum"]
    if not isinstance(value, int) or value < 0:
        raise ValueError(f"minimum for {item.get('family')!r} must be a whole number >= 0")
    roles_raw = item.get("roles")
    roles = (
        frozenset(TraineeRole(str(r)) for r in roles_raw)
        if isinstance(roles_raw, list)
        else default_roles
    )
    family = Family(str(item["family"]))
    return Minimum(family, str(item.get("label", family.value)), value, roles)


def parse_minimum_sets(data: Mapping[str, object]) -> dict[str, MinimumSet]:
    """Parse ``caselog_minimums.toml`` (already decoded) into minimum sets keyed by programme."""
    meta = data.get("meta", {})
    version = str(meta.get("version", "")) if isinstance(meta, dict) else ""
    programmes = data.get("programme", [])
    if not isinstance(programmes, list):
        raise ValueError("caselog minimums: [[programme]] tables expected")
    sets: dict[str, MinimumSet] = {}
    for prog in programmes:
        default = frozenset(TraineeRole(str(r)) for r in prog.get("count_roles", ["primary"]))
        code = str(prog["code"])
        if code in sets:
            raise ValueError(f"caselog minimums: programme {code!r} appears twice")
        sets[code] = MinimumSet(
            programme=code,
            label=str(prog.get("label", code)),
            version=version,
            source=str(prog.get("source", "")),
            verified=bool(prog.get("verified", False)),
            total_minimum=int(prog.get("total_minimum", 0)),
            minimums=tuple(_parse_minimum(m, default) for m in prog.get("minimum", [])),
        )
    return sets


def count_by_family_and_role(
    cases: Iterable[tuple[Family, TraineeRole]],
) -> Counter[tuple[Family, TraineeRole]]:
    """Count a trainee's cases given as (family, role) pairs."""
    return Counter(cases)


def progress(
    counts: Mapping[tuple[Family, TraineeRole], int], minimums: MinimumSet
) -> list[Progress]:
    """Progress in each family of ``minimums``, counting only the roles each minimum accepts."""
    rows = []
    for m in minimums.minimums:
        counted = sum(counts.get((m.family, role), 0) for role in m.roles)
        rows.append(Progress(m.family.value, m.label, counted, m.minimum))
    return rows


def total_progress(
    counts: Mapping[tuple[Family, TraineeRole], int],
    minimums: MinimumSet,
    roles: frozenset[TraineeRole],
) -> Progress:
    """All cases in the given roles against the programme's total minimum."""
    counted = sum(n for (_, role), n in counts.items() if role in roles)
    return Progress("total", "All procedures", counted, minimums.total_minimum)
