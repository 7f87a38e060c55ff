"""Local diagnostic reference levels per procedure type, beside the published ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from irsuite.domain.dose_drl import DrlSummary, local_drls, published_for, ratio_to_published
from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.dose.reference import published_drls


def summary_fields(summary: DrlSummary) -> dict[str, Any]:
    """Count, median, 75th percentile and range of a group of values, as the pages show them."""
    return {
        "count": summary.count,
        "median": summary.median,
        "p75": summary.p75,
        "minimum": summary.minimum,
        "maximum": summary.maximum,
    }


def _published(code: str, quantity: DoseQuantity, local: DrlSummary) -> list[dict[str, Any]]:
    """The published levels of a procedure type, with the local DRL's ratio to each."""
    return [
        {
            "value": p.value,
            "country": p.country,
            "source": p.source,
            "verified": p.verified,
            "ratio": ratio_to_published(local, p),
        }
        for p in published_for(published_drls(), code, quantity)
    ]


def drl_table(
    values: Iterable[tuple[str, str, float]], quantity: DoseQuantity
) -> list[dict[str, Any]]:
    """Local DRL (75th percentile), median and count per procedure type, with published DRLs.

    `values` holds one (procedure code, procedure name, value) per study.
    """
    names: dict[str, str] = {}
    pairs = []
    for code, name, value in values:
        names[code] = name
        pairs.append((code, value))
    return [
        {
            "code": code,
            "name": names[code],
            **summary_fields(summary),
            "published": _published(code, quantity, summary),
        }
        for code, summary in sorted(local_drls(pairs).items())
    ]
