"""Dose notification levels, substantial radiation dose levels (SRDL) and cumulative dose.

The levels come from `reference/data/dose_thresholds.toml` (NCRP Report 168; SIR/CIRSE 2009),
parsed by `parse_dose_thresholds`; nothing clinical is written in this module.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class DoseQuantity(StrEnum):
    """Dose quantities irsuite checks, named with their unit."""

    KA_R_MGY = "ka_r_mgy"
    PSD_MGY = "psd_mgy"
    KAP_GYCM2 = "kap_gycm2"
    FLUORO_TIME_S = "fluoro_time_s"
    DLP_MGYCM = "dlp_mgycm"


class LevelKind(StrEnum):
    """What crossing a level means."""

    FIRST_NOTIFICATION = "first_notification"
    NOTIFICATION_STEP = "notification_step"
    SRDL = "srdl"
    PHYSICIST_REVIEW = "physicist_review"
    SENTINEL = "sentinel"


@dataclass(frozen=True, slots=True)
class ThresholdLevel:
    """One published level with where it comes from."""

    quantity: DoseQuantity
    kind: LevelKind
    value: float
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class CumulativeWindow:
    """How far back a patient's doses are summed."""

    quantity: DoseQuantity
    window_days: int
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class SkinCheckPlan:
    """When the skin is checked after a case over an SRDL (days after the procedure)."""

    after_days: tuple[int, ...]
    window_days: int
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class DoseThresholds:
    """All levels, the cumulative window and the skin-check plan."""

    levels: tuple[ThresholdLevel, ...]
    cumulative: CumulativeWindow
    skin_checks: SkinCheckPlan | None = None

    def level(self, quantity: DoseQuantity, kind: LevelKind) -> ThresholdLevel | None:
        """The level of that kind for that quantity, if one is defined."""
        for level in self.levels:
            if level.quantity is quantity and level.kind is kind:
                return level
        return None


def parse_dose_thresholds(data: Mapping[str, Any]) -> DoseThresholds:
    """Levels and window from the parsed `dose_thresholds.toml`; ValueError when malformed."""
    levels = tuple(
        ThresholdLevel(
            quantity=DoseQuantity(row["quantity"]),
            kind=LevelKind(row["kind"]),
            value=float(row["value"]),
            source=str(row["source"]),
            verified=bool(row["verified"]),
        )
        for row in data["level"]
    )
    window = data["cumulative"]
    if int(window["window_days"]) <= 0:
        raise ValueError("the cumulative window must be at least one day")
    cumulative = CumulativeWindow(
        quantity=DoseQuantity(window["quantity"]),
        window_days=int(window["window_days"]),
        source=str(window["source"]),
        verified=bool(window["verified"]),
    )
    checks = data.get("skin_checks")
    skin_checks = (
        SkinCheckPlan(
            after_days=tuple(int(days) for days in checks["after_days"]),
            window_days=int(checks["window_days"]),
            source=str(checks["source"]),
            verified=bool(checks["verified"]),
        )
        if checks
        else None
    )
    return DoseThresholds(levels=levels, cumulative=cumulative, skin_checks=skin_checks)


@dataclass(frozen=True, slots=True)
class StudyDose:
    """The dose totals of one study, in irsuite's units; None when not known."""

    ka_r_mgy: float | None = None
    kap_gycm2: float | None = None
    fluoro_time_s: float | None = None
    psd_mgy: float | None = None

    def value(self, quantity: DoseQuantity) -> float | None:
        """The total for a quantity (None for quantities a study does not carry)."""
        return {
            DoseQuantity.KA_R_MGY: self.ka_r_mgy,
            DoseQuantity.KAP_GYCM2: self.kap_gycm2,
            DoseQuantity.FLUORO_TIME_S: self.fluoro_time_s,
            DoseQuantity.PSD_MGY: self.psd_mgy,
        }.get(quantity)


@dataclass(frozen=True, slots=True)
class Exceedance:
    """A level reached: the measured value, the level and its provenance."""

    quantity: DoseQuantity
    kind: LevelKind
    measured: float
    threshold: float
    source: str
    verified: bool


@dataclass(frozen=True, slots=True)
class StudyCheck:
    """What a study's dose reached."""

    exceedances: tuple[Exceedance, ...]
    notifications: Mapping[DoseQuantity, tuple[float, ...]]

    @property
    def over_srdl(self) -> bool:
        """True when any substantial radiation dose level was reached."""
        return any(e.kind is LevelKind.SRDL for e in self.exceedances)


def notification_points(
    quantity: DoseQuantity, measured: float, thresholds: DoseThresholds
) -> tuple[float, ...]:
    """The notification levels reached: the first level, then every step above it."""
    first = thresholds.level(quantity, LevelKind.FIRST_NOTIFICATION)
    if first is None or measured < first.value:
        return ()
    step = thresholds.level(quantity, LevelKind.NOTIFICATION_STEP)
    if step is None or step.value <= 0:
        return (first.value,)
    steps = math.floor((measured - first.value) / step.value + 1e-9)
    return tuple(first.value + i * step.value for i in range(steps + 1))


def _exceedances(dose: StudyDose, thresholds: DoseThresholds) -> Iterable[Exceedance]:
    for level in thresholds.levels:
        if level.kind is LevelKind.NOTIFICATION_STEP:
            continue
        measured = dose.value(level.quantity)
        if measured is not None and measured >= level.value:
            yield Exceedance(
                level.quantity, level.kind, measured, level.value, level.source, level.verified
            )


def check_study(dose: StudyDose, thresholds: DoseThresholds) -> StudyCheck:
    """Every level the study reached, and the notification points per quantity."""
    notifications = {}
    for quantity in DoseQuantity:
        measured = dose.value(quantity)
        points = () if measured is None else notification_points(quantity, measured, thresholds)
        if points:
            notifications[quantity] = points
    return StudyCheck(tuple(_exceedances(dose, thresholds)), notifications)


@dataclass(frozen=True, slots=True)
class DatedDose:
    """One study's Ka,r on the day it was performed."""

    performed_on: dt.date
    ka_r_mgy: float


@dataclass(frozen=True, slots=True)
class CumulativeCheck:
    """A patient's Ka,r summed over the window ending on `as_of`."""

    total_mgy: float
    studies: int
    window_start: dt.date
    as_of: dt.date
    exceedances: tuple[Exceedance, ...]


def check_patient_cumulative(
    doses: Iterable[DatedDose], as_of: dt.date, thresholds: DoseThresholds
) -> CumulativeCheck:
    """Sum the patient's Ka,r within the window (inclusive) and compare it with the Ka,r levels."""
    start = as_of - dt.timedelta(days=thresholds.cumulative.window_days)
    in_window = [d for d in doses if start <= d.performed_on <= as_of]
    total = float(sum(d.ka_r_mgy for d in in_window))
    exceedances = tuple(
        e
        for e in _exceedances(StudyDose(ka_r_mgy=total), thresholds)
        if e.quantity is DoseQuantity.KA_R_MGY
    )
    return CumulativeCheck(total, len(in_window), start, as_of, exceedances)
