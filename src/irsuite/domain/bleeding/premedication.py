"""Contrast premedication: regimens from reference data, timed from the scheduled start."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from irsuite.domain.bleeding.parse import RulesError
from irsuite.domain.bleeding.rules import Provenance


@dataclass(frozen=True)
class PremedDose:
    """One drug of a regimen and how many hours before the start each dose is given."""

    drug: str
    hours_before: tuple[float, ...]


@dataclass(frozen=True)
class Regimen:
    """A premedication regimen."""

    id: str
    label: str
    doses: tuple[PremedDose, ...]


@dataclass(frozen=True)
class Premedication:
    """The regimens, which one to use for routine and for urgent cases, and the provenance."""

    applies_when: str
    routine: Regimen
    urgent: Regimen
    regimens: Mapping[str, Regimen]
    provenance: Provenance


@dataclass(frozen=True)
class TimedDose:
    """A premedication dose at a moment."""

    at: datetime
    drug: str


def _text(raw: Mapping[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise RulesError(f"[{where}] '{key}' must be a non-empty string.")
    return value


def _list(raw: Mapping[str, object], key: str, where: str) -> list[Mapping[str, object]]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, Mapping) for v in value):
        raise RulesError(f"[{where}] needs at least one '{key}' table.")
    return list(value)


def _dose(raw: Mapping[str, object], where: str) -> PremedDose:
    hours = raw.get("hours_before")
    if (
        not isinstance(hours, list)
        or not hours
        or not all(isinstance(h, int | float) and not isinstance(h, bool) and h >= 0 for h in hours)
    ):
        raise RulesError(f"[{where}] 'hours_before' must list hours (0 or more).")
    return PremedDose(_text(raw, "drug", where), tuple(float(h) for h in hours))


def _regimen(raw: Mapping[str, object], where: str) -> Regimen:
    regimen_id = _text(raw, "id", where)
    doses = _list(raw, "dose", f"{where}.{regimen_id}")
    return Regimen(
        id=regimen_id,
        label=_text(raw, "label", where),
        doses=tuple(_dose(d, f"{where}.{regimen_id}.dose[{i}]") for i, d in enumerate(doses)),
    )


def parse_premedication(data: Mapping[str, object]) -> Premedication:
    """Read the ``contrast_premedication`` table of the bleeding-risk reference data."""
    where = "contrast_premedication"
    raw = data.get(where)
    if not isinstance(raw, Mapping):
        raise RulesError(f"[{where}] is missing.")
    regimens = {
        r.id: r
        for r in (_regimen(item, f"{where}.regimen") for item in _list(raw, "regimen", where))
    }
    chosen = []
    for key in ("routine_regimen", "urgent_regimen"):
        name = _text(raw, key, where)
        if name not in regimens:
            raise RulesError(f"[{where}] '{key}' names unknown regimen {name!r}.")
        chosen.append(regimens[name])
    verified = raw.get("verified")
    return Premedication(
        applies_when=_text(raw, "applies_when", where),
        routine=chosen[0],
        urgent=chosen[1],
        regimens=regimens,
        provenance=Provenance(where, _text(raw, "source", where), verified is True),
    )


def schedule(regimen: Regimen, start: datetime) -> tuple[TimedDose, ...]:
    """The doses of ``regimen`` as moments before ``start``, earliest first."""
    doses = [
        TimedDose(start - timedelta(hours=hours), dose.drug)
        for dose in regimen.doses
        for hours in dose.hours_before
    ]
    return tuple(sorted(doses, key=lambda d: (d.at, d.drug)))
