"""Sedation and recovery scores: the modified Aldrete score and the Ramsay sedation scale.

Thresholds (the discharge total, the blood-pressure and oxygen-saturation bands, monitoring
intervals) come from ``reference/data/recovery.toml`` parsed by :func:`parse_recovery`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any


class AldreteItem(StrEnum):
    """The five items of the modified Aldrete score."""

    ACTIVITY = "activity"
    RESPIRATION = "respiration"
    CIRCULATION = "circulation"
    CONSCIOUSNESS = "consciousness"
    OXYGEN_SATURATION = "oxygen_saturation"


class SedationKind(StrEnum):
    """How the patient is kept comfortable (ASA continuum of depth of sedation)."""

    NONE = "none"
    LOCAL = "local"
    MINIMAL = "minimal"
    MODERATE = "moderate"
    DEEP = "deep"
    GENERAL = "general"
    MONITORED_ANAESTHESIA_CARE = "mac"


class RamsayLevel(IntEnum):
    """Ramsay sedation scale, 1 (anxious or agitated) to 6 (no response)."""

    ANXIOUS = 1
    COOPERATIVE = 2
    RESPONDS_TO_COMMANDS = 3
    BRISK_RESPONSE = 4
    SLUGGISH_RESPONSE = 5
    NO_RESPONSE = 6


class ScoreError(ValueError):
    """A score is out of range; the message says what is allowed."""


@dataclass(frozen=True)
class AldreteCriteria:
    """Modified Aldrete reference data."""

    discharge_min_total: int
    circulation_within_percent: tuple[int, int]
    spo2_on_air_above: int
    spo2_with_oxygen_above: int
    labels: Mapping[AldreteItem, str]
    levels: Mapping[AldreteItem, tuple[str, str, str]]


@dataclass(frozen=True)
class MonitoringIntervals:
    """The longest allowed gap between two sets of vital signs, and the grace past it that is
    still not a gap (vital signs charted by hand "every 5 minutes" come at 5:20 as often as
    at 4:40)."""

    during_sedation: timedelta
    in_recovery: timedelta
    grace: timedelta


@dataclass(frozen=True)
class RecoveryReference:
    """Everything in ``recovery.toml``."""

    version: str
    source: str
    verified: bool
    aldrete: AldreteCriteria
    ramsay: Mapping[RamsayLevel, str]
    monitoring: MonitoringIntervals


@dataclass(frozen=True)
class AldreteScore:
    """One modified Aldrete assessment; each item scores 0, 1 or 2."""

    activity: int
    respiration: int
    circulation: int
    consciousness: int
    oxygen_saturation: int

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2:
                raise ScoreError(f"Aldrete {f.name} must be 0, 1 or 2; got {value!r}.")

    @property
    def total(self) -> int:
        """The total, 0 to 10."""
        return sum(self.item(i) for i in AldreteItem)

    def item(self, item: AldreteItem) -> int:
        """The score of one item."""
        value: int = getattr(self, item.value)
        return value


@dataclass(frozen=True)
class TimedAldrete:
    """An Aldrete assessment and when it was made."""

    at: datetime
    score: AldreteScore


@dataclass(frozen=True)
class DischargeDecision:
    """Whether the patient may leave phase I recovery, and why not."""

    allowed: bool
    total: int | None
    reasons: tuple[str, ...]


def parse_recovery(data: Mapping[str, Any]) -> RecoveryReference:
    """Parse the recovery reference data (the TOML document as a dict)."""
    raw = data["aldrete"]
    items = {AldreteItem(i["id"]): i for i in raw["item"]}
    if set(items) != set(AldreteItem):
        raise ValueError("recovery.toml must describe the five Aldrete items")
    levels: dict[AldreteItem, tuple[str, str, str]] = {}
    for key, item in items.items():
        texts = tuple(str(t) for t in item["levels"])
        if len(texts) != 3:
            raise ValueError(f"Aldrete item {key} needs three level texts (0, 1, 2)")
        levels[key] = (texts[0], texts[1], texts[2])
    within = [int(p) for p in raw["circulation_within_percent"]]
    if len(within) != 2 or not 0 < within[0] < within[1]:
        raise ValueError("circulation_within_percent must be two increasing percentages")
    ramsay_texts = [str(t) for t in data["ramsay"]["levels"]]
    if len(ramsay_texts) != len(RamsayLevel):
        raise ValueError("recovery.toml must describe the six Ramsay levels")
    monitoring = data["monitoring"]
    meta = data["meta"]
    return RecoveryReference(
        version=str(meta["version"]),
        source=str(meta["source"]),
        verified=bool(meta["verified"]),
        aldrete=AldreteCriteria(
            discharge_min_total=int(raw["discharge_min_total"]),
            circulation_within_percent=(within[0], within[1]),
            spo2_on_air_above=int(raw["spo2_on_air_above"]),
            spo2_with_oxygen_above=int(raw["spo2_with_oxygen_above"]),
            labels={k: str(v["label"]) for k, v in items.items()},
            levels=levels,
        ),
        ramsay=dict(zip(RamsayLevel, ramsay_texts, strict=True)),
        monitoring=MonitoringIntervals(
            during_sedation=timedelta(minutes=int(monitoring["during_sedation_interval_min"])),
            in_recovery=timedelta(minutes=int(monitoring["in_recovery_interval_min"])),
            grace=_grace(monitoring),
        ),
    )


def _grace(monitoring: Mapping[str, Any]) -> timedelta:
    seconds = int(monitoring["gap_grace_s"])
    if seconds < 0:
        raise ValueError("recovery.toml: monitoring.gap_grace_s must be 0 or more seconds")
    return timedelta(seconds=seconds)


def aldrete_from_mapping(scores: Mapping[str, object]) -> AldreteScore:
    """Build a score from ``{"activity": 2, ...}`` (form input); every item is needed."""
    missing = [i.value for i in AldreteItem if i.value not in scores]
    if missing:
        raise ScoreError(f"Score every Aldrete item; missing: {', '.join(missing)}.")
    values: dict[str, int] = {}
    for item in AldreteItem:
        value = scores[item.value]
        try:
            values[item.value] = int(str(value))
        except ValueError:
            raise ScoreError(f"Aldrete {item.value} must be 0, 1 or 2; got {value!r}.") from None
    return AldreteScore(**values)


def circulation_score(baseline_systolic: float, systolic: float, criteria: AldreteCriteria) -> int:
    """Score circulation from the systolic pressure against the pre-sedation baseline."""
    if baseline_systolic <= 0 or systolic < 0:
        raise ScoreError("Blood pressures must be positive numbers in mmHg.")
    away = abs(systolic - baseline_systolic) * 100 / baseline_systolic
    near, far = criteria.circulation_within_percent
    if away <= near:
        return 2
    return 1 if away < far else 0


def oxygenation_score(spo2: float, on_oxygen: bool, criteria: AldreteCriteria) -> int:
    """Score oxygen saturation: above the room-air level without oxygen scores 2."""
    if not 0 <= spo2 <= 100:
        raise ScoreError(f"SpO2 must be a percentage from 0 to 100; got {spo2!r}.")
    if not on_oxygen and spo2 > criteria.spo2_on_air_above:
        return 2
    return 1 if spo2 > criteria.spo2_with_oxygen_above else 0


def discharge_decision(
    assessments: Sequence[TimedAldrete], criteria: AldreteCriteria
) -> DischargeDecision:
    """Decide discharge from phase I recovery on the latest Aldrete assessment."""
    if not assessments:
        return DischargeDecision(False, None, ("Record an Aldrete score before discharge.",))
    latest = max(assessments, key=lambda a: a.at).score
    if latest.total >= criteria.discharge_min_total:
        return DischargeDecision(True, latest.total, ())
    reasons = [
        f"Aldrete total is {latest.total}; discharge needs {criteria.discharge_min_total} "
        "or more. Reassess later."
    ]
    reasons += [
        f"{criteria.labels[item]}: {criteria.levels[item][latest.item(item)]}."
        for item in AldreteItem
        if latest.item(item) < 2
    ]
    return DischargeDecision(False, latest.total, tuple(reasons))


def validate_ramsay(value: object) -> RamsayLevel:
    """Read a Ramsay level from form or API input; raise ScoreError unless it is 1 to 6."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= 6:
        raise ScoreError(f"Ramsay score must be a whole number from 1 to 6; got {value!r}.")
    return RamsayLevel(int(text))


def observation_gaps(
    times: Sequence[datetime],
    start: datetime,
    end: datetime,
    interval: timedelta,
    *,
    grace: timedelta,
) -> tuple[tuple[datetime, datetime], ...]:
    """The stretches between ``start`` and ``end`` without vital signs longer than ``interval``
    by more than ``grace``: a stretch of exactly ``interval + grace`` is not a gap."""
    longest = interval + grace
    points = [start, *sorted(t for t in times if start <= t <= end), end]
    return tuple(
        (before, after)
        for before, after in zip(points, points[1:], strict=False)
        if after - before > longest
    )
