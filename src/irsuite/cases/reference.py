"""Plausibility limits of the case record, read once per process.

Contrast volume, booked duration, device quantity and length of stay come from
``reference/data/case_plausibility.toml``; the sheath size range is ``[plausible] sheath_fr`` of
``bleeding_risk.toml``, so the case record and the bleeding-risk plan agree on it. The schemas,
forms and model validators read these at import time: a changed value takes effect on restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Generic, TypeVar

from irsuite.reference.loader import read_toml

LIMITS_FILE = "case_plausibility.toml"
BLEEDING_FILE = "bleeding_risk.toml"

Number = int | Decimal
N = TypeVar("N", bound=int | Decimal)


class LimitError(ValueError):
    """A limit is missing or malformed in its reference file."""


@dataclass(frozen=True)
class Limit(Generic[N]):
    """A closed range an entered value must fall within, and where the range comes from."""

    low: N
    high: N
    source: str
    verified: bool

    def __contains__(self, value: Number) -> bool:
        return self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{self.low} to {self.high}"


def _number(value: Any, where: str) -> Number:
    """A bound as people write it: 30 rather than 30.0, an exact decimal otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LimitError(f"{where}: a bound must be a number, not {value!r}.")
    exact = Decimal(str(value))
    return int(exact) if exact == exact.to_integral_value() else exact


def _limit(low: Any, high: Any, provenance: Mapping[str, Any], where: str) -> Limit[Number]:
    source, verified = provenance.get("source"), provenance.get("verified")
    if not isinstance(source, str) or not source.strip():
        raise LimitError(f"{where}: say where the limit comes from in 'source'.")
    if not isinstance(verified, bool):
        raise LimitError(f"{where}: 'verified' must be true or false.")
    limit = Limit(_number(low, where), _number(high, where), source, verified)
    if limit.low > limit.high:
        raise LimitError(f"{where}: the minimum {limit.low} is above the maximum {limit.high}.")
    return limit


@cache
def _limits() -> dict[str, Limit[Number]]:
    limits: dict[str, Limit[Number]] = {}
    for item in read_toml(LIMITS_FILE).get("limit", []):
        quantity = str(item.get("quantity", ""))
        where = f"{LIMITS_FILE} limit {quantity!r}"
        if quantity in limits:
            raise LimitError(f"{where} is given twice; keep one.")
        limits[quantity] = _limit(item.get("minimum"), item.get("maximum"), item, where)
    return limits


def _named(quantity: str) -> Limit[Number]:
    try:
        return _limits()[quantity]
    except KeyError:
        raise LimitError(f"{LIMITS_FILE} has no limit for {quantity!r}; add one.") from None


def _whole(quantity: str) -> Limit[int]:
    limit = _named(quantity)
    if not isinstance(limit.low, int) or not isinstance(limit.high, int):
        raise LimitError(f"{LIMITS_FILE} limit {quantity!r}: the bounds must be whole numbers.")
    return Limit(limit.low, limit.high, limit.source, limit.verified)


def contrast_ml() -> Limit[Number]:
    """Contrast volume given during one procedure, in mL."""
    return _named("contrast_ml")


def duration_min() -> Limit[int]:
    """Duration of a booked procedure, in whole minutes."""
    return _whole("duration_min")


def device_quantity() -> Limit[int]:
    """Units of one device or embolic agent recorded at once, a whole number."""
    return _whole("device_quantity")


def hand_dose() -> dict[str, Limit[Number]]:
    """Limits of a dose entered by hand: fluoroscopy time (s), KAP (Gy·cm²), Ka,r (mGy)."""
    return {name: _named(name) for name in ("fluoro_time_s", "kap_gycm2", "ka_r_mgy")}


def length_of_stay_hours() -> Limit[int]:
    """Extra hospital stay an adverse event caused, in whole hours."""
    return _whole("length_of_stay_hours")


@cache
def sheath_fr() -> Limit[Number]:
    """Sheath size in French, from the bleeding-risk file's plausibility ranges."""
    table = read_toml(BLEEDING_FILE).get("plausible", {})
    where = f"{BLEEDING_FILE} [plausible] sheath_fr"
    bounds = table.get("sheath_fr")
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise LimitError(f"{where} must be [minimum, maximum].")
    return _limit(bounds[0], bounds[1], table, where)


def check_reference() -> str:
    """Re-read and check the limits (for ``irsuite load-reference``); a summary line."""
    _limits.cache_clear()
    sheath_fr.cache_clear()
    limits: list[Limit[Any]] = [
        contrast_ml(),
        duration_min(),
        device_quantity(),
        length_of_stay_hours(),
        sheath_fr(),
    ]
    limits += list(hand_dose().values())
    unverified = sum(not limit.verified for limit in limits)
    return f"{len(limits)} case record limits ({unverified} unverified)"
