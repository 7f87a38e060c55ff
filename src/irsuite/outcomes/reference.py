"""Reference data read by the outcomes app: adverse-event scales, triggers, minimums."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from irsuite.domain.ae_scales import ScaleBook, parse_scale_book
from irsuite.domain.quality.caselog import MinimumSet, parse_minimum_sets
from irsuite.domain.quality.review import ReviewTriggers, parse_review_triggers
from irsuite.reference.loader import read_toml

AE_SCALES_FILE = "ae_scales.toml"
CASELOG_FILE = "caselog_minimums.toml"


@cache
def scale_book() -> ScaleBook:
    """The adverse-event scales (parsed once per process)."""
    return parse_scale_book(read_toml(AE_SCALES_FILE))


@cache
def review_triggers() -> ReviewTriggers:
    """The M&M auto-flag triggers."""
    return parse_review_triggers(read_toml(AE_SCALES_FILE))


@cache
def minimum_sets() -> dict[str, MinimumSet]:
    """Case-log minimums by programme code."""
    return parse_minimum_sets(read_toml(CASELOG_FILE))


@dataclass(frozen=True)
class Monitoring:
    """Design of the CUSUM and learning-curve charts, and the IVC filter alert."""

    cusum_odds_ratio: float
    cusum_h: float
    learning_failure_multiplier: float
    learning_h: float
    ivc_alert_dwell_days: int
    ivc_source: str
    ivc_verified: bool


@cache
def monitoring() -> Monitoring:
    """The monitoring settings of ``ae_scales.toml``."""
    data = read_toml(AE_SCALES_FILE)
    charts, ivc = data["monitoring"], data["ivc_filter"]
    return Monitoring(
        cusum_odds_ratio=float(charts["cusum_odds_ratio"]),
        cusum_h=float(charts["cusum_h"]),
        learning_failure_multiplier=float(charts["learning_failure_multiplier"]),
        learning_h=float(charts["learning_h"]),
        ivc_alert_dwell_days=int(ivc["alert_dwell_days"]),
        ivc_source=str(ivc["source"]),
        ivc_verified=bool(ivc["verified"]),
    )


def load_summary() -> str:
    """Re-read and check the outcomes reference files (for ``irsuite load-reference``)."""
    for cached in (scale_book, review_triggers, minimum_sets, monitoring):
        cached.cache_clear()
    book, sets = scale_book(), minimum_sets()
    review_triggers()
    monitoring()
    return (
        f"adverse-event scales {book.version}: {len(book.scales)} scales; "
        f"case-log minimums: {len(sets)} programmes"
    )
