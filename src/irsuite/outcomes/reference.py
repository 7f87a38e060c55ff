"""Reference data read by the outcomes app: adverse-event scales, triggers, case-log minimums and
default programmes, monitoring and funnel-plot settings, device follow-up codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from irsuite.domain.ae_scales import ScaleBook, parse_scale_book
from irsuite.domain.quality.caselog import MinimumSet, parse_minimum_sets
from irsuite.domain.quality.review import ReviewTriggers, parse_review_triggers
from irsuite.outcomes.devices.models import LineKind
from irsuite.reference.loader import read_toml

AE_SCALES_FILE = "ae_scales.toml"
CASELOG_FILE = "caselog_minimums.toml"
DEVICES_FILE = "devices.toml"
QUALITY_FILE = "quality.toml"


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


@dataclass(frozen=True)
class DefaultProgrammes:
    """The case-log programme of a trainee not enrolled in one: by staff role, else ``fallback``."""

    by_role: dict[str, str]
    fallback: str
    source: str
    verified: bool

    def for_role(self, role: str) -> str:
        return self.by_role.get(role, self.fallback)


@cache
def default_programmes() -> DefaultProgrammes:
    """The ``[default_programme]`` table of ``caselog_minimums.toml``, checked against the file's
    programmes."""
    table = read_toml(CASELOG_FILE)["default_programme"]
    defaults = DefaultProgrammes(
        by_role={str(k): str(v) for k, v in table["by_role"].items()},
        fallback=str(table["fallback"]),
        source=str(table["source"]),
        verified=bool(table["verified"]),
    )
    unknown = {defaults.fallback, *defaults.by_role.values()} - set(minimum_sets())
    if unknown:
        raise ValueError(f"{CASELOG_FILE}: default programmes {sorted(unknown)} are not defined")
    return defaults


@dataclass(frozen=True)
class FunnelLevels:
    """The two-sided control limits of the funnel plots (e.g. 0.95 warning, 0.998 alarm)."""

    warning: float
    alarm: float
    source: str
    verified: bool


@cache
def funnel_levels() -> FunnelLevels:
    """The funnel-plot control limits of ``quality.toml``."""
    table = read_toml(QUALITY_FILE)["funnel"]
    levels = FunnelLevels(
        warning=float(table["warning_level"]),
        alarm=float(table["alarm_level"]),
        source=str(table["source"]),
        verified=bool(table["verified"]),
    )
    if not 0.0 < levels.warning < levels.alarm < 1.0:
        raise ValueError(f"{QUALITY_FILE}: need 0 < warning_level < alarm_level < 1")
    return levels


@dataclass(frozen=True)
class DeviceCodes:
    """Catalogue codes whose signed procedures start or stop a device's follow-up."""

    filter_placement: frozenset[str]
    filter_retrieval: frozenset[str]
    line_placement: dict[str, LineKind]
    line_removal: dict[str, LineKind]


def _line_kinds(table: dict[str, str]) -> dict[str, LineKind]:
    try:
        return {str(code): LineKind(kind) for code, kind in table.items()}
    except ValueError as error:
        raise ValueError(f"{DEVICES_FILE}: {error}; use tunnelled or port") from None


@cache
def device_codes() -> DeviceCodes:
    """The device follow-up codes of ``devices.toml``."""
    data = read_toml(DEVICES_FILE)
    filters, lines = data["ivc_filter"], data["central_line"]
    return DeviceCodes(
        filter_placement=frozenset(map(str, filters["placement"])),
        filter_retrieval=frozenset(map(str, filters["retrieval"])),
        line_placement=_line_kinds(lines["placement"]),
        line_removal=_line_kinds(lines["removal"]),
    )


CACHED = (
    scale_book,
    review_triggers,
    minimum_sets,
    monitoring,
    default_programmes,
    funnel_levels,
    device_codes,
)


def load_summary() -> str:
    """Re-read and check the outcomes reference files (for ``irsuite load-reference``)."""
    for cached in CACHED:
        cached.cache_clear()
    for read in CACHED:
        read()
    book, sets = scale_book(), minimum_sets()
    return (
        f"adverse-event scales {book.version}: {len(book.scales)} scales; "
        f"case-log minimums: {len(sets)} programmes"
    )
