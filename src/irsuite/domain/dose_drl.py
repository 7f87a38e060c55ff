"""Diagnostic reference level (DRL) statistics: local 75th percentile, median and counts.

A local DRL is the 75th percentile of a dose quantity over one procedure type; the median is
the "achievable dose" (NCRP Report 172); national DRLs take the 75th percentile of facility
medians (ICRP Publication 135). Published values come from `dose_reference_levels.toml`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from irsuite.domain.dose_thresholds import DoseQuantity

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class PublishedDrl:
    """A published reference level for one procedure and quantity."""

    procedure: str
    catalogue_codes: tuple[str, ...]
    quantity: DoseQuantity
    percentile: int
    value: float
    country: str
    source: str
    verified: bool


def parse_reference_levels(data: Mapping[str, Any]) -> tuple[PublishedDrl, ...]:
    """Published DRLs from the parsed `dose_reference_levels.toml`."""
    return tuple(
        PublishedDrl(
            procedure=str(row["procedure"]),
            catalogue_codes=tuple(str(code) for code in row.get("catalogue_codes", [])),
            quantity=DoseQuantity(row["quantity"]),
            percentile=int(row["percentile"]),
            value=float(row["value"]),
            country=str(row["country"]),
            source=str(row["source"]),
            verified=bool(row["verified"]),
        )
        for row in data["drl"]
    )


def published_for(
    levels: Iterable[PublishedDrl], catalogue_code: str, quantity: DoseQuantity
) -> tuple[PublishedDrl, ...]:
    """The published DRLs that apply to a catalogue entry and quantity."""
    return tuple(
        level
        for level in levels
        if level.quantity is quantity and catalogue_code in level.catalogue_codes
    )


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Percentile by linear interpolation between closest ranks (NumPy's default method).

    `sorted_values` must be sorted ascending and non-empty; `fraction` is in [0, 1].
    """
    if not sorted_values:
        raise ValueError("a percentile needs at least one value")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError("the fraction must be between 0 and 1")
    position = (len(sorted_values) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    low, high = sorted_values[lower], sorted_values[upper]
    value = low + (high - low) * (position - lower)
    return min(max(value, low), high)  # rounding must not leave [low, high]


@dataclass(frozen=True, slots=True)
class DrlSummary:
    """Distribution of one quantity over one procedure type."""

    count: int
    median: float
    p75: float
    minimum: float
    maximum: float


def summarise(values: Iterable[float]) -> DrlSummary | None:
    """Count, median, 75th percentile and range; None when there is no value."""
    ordered = sorted(values)
    if not ordered:
        return None
    return DrlSummary(
        count=len(ordered),
        median=percentile(ordered, 0.5),
        p75=percentile(ordered, 0.75),
        minimum=ordered[0],
        maximum=ordered[-1],
    )


def group_values(rows: Iterable[tuple[K, float]]) -> dict[K, list[float]]:
    """Values grouped by key, in input order."""
    groups: dict[K, list[float]] = {}
    for key, value in rows:
        bucket = groups.get(key)
        if bucket is None:
            groups[key] = [value]
        else:
            bucket.append(value)
    return groups


def sum_by_key(rows: Iterable[tuple[K, float]]) -> dict[K, float]:
    """Values summed per key (e.g. irradiation events summed to study totals)."""
    totals: dict[K, float] = {}
    for key, value in rows:
        totals[key] = totals.get(key, 0.0) + value
    return totals


def local_drls(rows: Iterable[tuple[K, float]]) -> dict[K, DrlSummary]:
    """A summary per key (procedure type, room, operator ...) of (key, value) rows."""
    summaries: dict[K, DrlSummary] = {}
    for key, values in group_values(rows).items():
        summary = summarise(values)
        if summary is not None:
            summaries[key] = summary
    return summaries


def facility_median_drl(per_facility: Mapping[K, Sequence[float]]) -> DrlSummary | None:
    """The national-style DRL: the distribution of facility medians (ICRP 135)."""
    medians = [summary.median for values in per_facility.values() if (summary := summarise(values))]
    return summarise(medians)


def ratio_to_published(local: DrlSummary, published: PublishedDrl) -> float:
    """The local 75th percentile as a fraction of the published level (1.0 = equal)."""
    return local.p75 / published.value
