"""Vital signs that need attention during sedation and recovery: values at or beyond the alarm
thresholds, a systolic fall from the pre-sedation baseline, and sedation deeper than intended
on the Ramsay scale."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class VitalSign(StrEnum):
    """The vital signs a sedation record stores."""

    HEART_RATE = "heart_rate"
    SYSTOLIC = "systolic"
    DIASTOLIC = "diastolic"
    RESPIRATORY_RATE = "respiratory_rate"
    SPO2 = "spo2"


class FlagKind(StrEnum):
    """Why a value is highlighted."""

    LOW = "low"
    HIGH = "high"
    FALL = "fall"  # systolic fall from the baseline
    DEEP = "deep"  # Ramsay level deeper than the intended sedation

    @property
    def word(self) -> str:
        return {"low": "low", "high": "high", "fall": "fall", "deep": "too deep"}[self.value]


RAMSAY = "ramsay"


@dataclass(frozen=True)
class SignThreshold:
    """Alarm thresholds of one vital sign: at or below ``low``, at or above ``high``."""

    label: str
    unit: str
    low: int | None
    high: int | None
    source: str
    verified: bool


@dataclass(frozen=True)
class VitalFlagRules:
    """Everything ``[vital_flags]`` of sedation.toml says."""

    thresholds: Mapping[VitalSign, SignThreshold]
    systolic_fall_percent: int
    ramsay_deeper_from: Mapping[str, int]


@dataclass(frozen=True)
class VitalFlag:
    """One highlighted value: which sign (a VitalSign value or "ramsay"), why, in words."""

    sign: str
    kind: FlagKind
    message: str


def parse_vital_flags(data: Mapping[str, Any]) -> VitalFlagRules:
    """Parse ``[vital_flags]`` of sedation.toml; a ValueError names what is wrong."""
    raw = data["vital_flags"]
    thresholds = {}
    for sign in VitalSign:
        if sign.value not in raw:
            raise ValueError(f"sedation.toml has no [vital_flags.{sign.value}]")
        entry = raw[sign.value]
        low, high = entry.get("low"), entry.get("high")
        if low is not None and high is not None and not int(low) < int(high):
            raise ValueError(f"sedation.toml: {sign.value} needs low < high")
        thresholds[sign] = SignThreshold(
            label=str(entry["label"]),
            unit=str(entry["unit"]),
            low=None if low is None else int(low),
            high=None if high is None else int(high),
            source=str(entry["source"]),
            verified=bool(entry["verified"]),
        )
    fall = int(raw["systolic_fall"]["percent"])
    if not 0 < fall < 100:
        raise ValueError("sedation.toml: systolic_fall percent must be between 0 and 100")
    ramsay = {str(k): int(v) for k, v in raw["ramsay"]["deeper_than_intended_from"].items()}
    return VitalFlagRules(thresholds, fall, ramsay)


def flag_vitals(
    values: Mapping[VitalSign, int | None],
    *,
    ramsay: int | None,
    baseline_systolic: int | None,
    sedation_kind: str,
    rules: VitalFlagRules,
) -> tuple[VitalFlag, ...]:
    """The flags of one set of vital signs (empty when nothing needs attention)."""
    flags = [flag for sign in VitalSign for flag in _threshold_flags(sign, values.get(sign), rules)]
    systolic = values.get(VitalSign.SYSTOLIC)
    if systolic is not None and baseline_systolic:
        fall = (baseline_systolic - systolic) * 100 / baseline_systolic
        if fall >= rules.systolic_fall_percent:
            flags.append(
                VitalFlag(
                    VitalSign.SYSTOLIC.value,
                    FlagKind.FALL,
                    f"Systolic pressure {systolic} mmHg is {fall:.0f}% under the baseline of "
                    f"{baseline_systolic} (highlighted from {rules.systolic_fall_percent}%).",
                )
            )
    deeper_from = rules.ramsay_deeper_from.get(sedation_kind)
    if ramsay is not None and deeper_from is not None and ramsay >= deeper_from:
        flags.append(
            VitalFlag(
                RAMSAY,
                FlagKind.DEEP,
                f"Ramsay {ramsay} is deeper than the sedation intended "
                f"(highlighted from {deeper_from} for this kind of sedation).",
            )
        )
    return tuple(flags)


def _threshold_flags(sign: VitalSign, value: int | None, rules: VitalFlagRules) -> list[VitalFlag]:
    limit = rules.thresholds[sign]
    if value is None:
        return []
    if limit.low is not None and value <= limit.low:
        return [
            VitalFlag(
                sign.value,
                FlagKind.LOW,
                f"{limit.label} {value} {limit.unit} is low (at or below {limit.low}).",
            )
        ]
    if limit.high is not None and value >= limit.high:
        return [
            VitalFlag(
                sign.value,
                FlagKind.HIGH,
                f"{limit.label} {value} {limit.unit} is high (at or above {limit.high}).",
            )
        ]
    return []
