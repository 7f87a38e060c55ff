"""Reference data read by the dose app: plausibility bounds, dose levels, published DRLs."""

from __future__ import annotations

from functools import cache

from irsuite.domain.dose_drl import PublishedDrl, parse_reference_levels
from irsuite.domain.dose_thresholds import DoseThresholds, parse_dose_thresholds
from irsuite.domain.rdsr import PlausibilityBounds, parse_plausibility
from irsuite.reference.loader import read_toml

PLAUSIBILITY_FILE = "dose_plausibility.toml"
THRESHOLDS_FILE = "dose_thresholds.toml"
DRL_FILE = "dose_reference_levels.toml"


@cache
def plausibility() -> PlausibilityBounds:
    """Bounds a value read from a report must fall within."""
    return parse_plausibility(read_toml(PLAUSIBILITY_FILE))


@cache
def thresholds() -> DoseThresholds:
    """Notification levels, SRDLs, the cumulative window and the skin-check plan."""
    return parse_dose_thresholds(read_toml(THRESHOLDS_FILE))


@cache
def published_drls() -> tuple[PublishedDrl, ...]:
    """Published diagnostic reference levels."""
    return parse_reference_levels(read_toml(DRL_FILE))


def load_summary() -> str:
    """Validate the dose reference files (for `irsuite load-reference`)."""
    for reader in (plausibility, thresholds, published_drls):
        reader.cache_clear()
    levels = thresholds().levels
    return (
        f"dose: {len(plausibility().bounds)} plausibility bounds, {len(levels)} dose levels, "
        f"{len(published_drls())} published DRLs"
    )
