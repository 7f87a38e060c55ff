"""What the sedation page shows: the vital signs with their highlights, the trend chart's
panels, the drugs with their labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from irsuite.domain import recovery as rules
from irsuite.domain.sedation import trend
from irsuite.domain.sedation.vitals import RAMSAY, VitalFlag, VitalSign
from irsuite.safety.reference import recovery_reference, vital_flag_rules
from irsuite.safety.sedation import services as svc
from irsuite.safety.sedation.models import CarePhase, SedationRecord, VitalSigns


@dataclass
class VitalsRow:
    """One set of vital signs and what in it needs attention, by sign."""

    vitals: VitalSigns
    flags: tuple[VitalFlag, ...]
    flagged: dict[str, str] = field(default_factory=dict)  # sign -> "low", "high", ...

    def __post_init__(self) -> None:
        for flag in self.flags:
            self.flagged.setdefault(flag.sign, flag.kind.word)


def vitals_rows(sedation: SedationRecord) -> list[VitalsRow]:
    """Every set of vital signs in time order, each with its flags."""
    return [
        VitalsRow(v, svc.vital_flags(sedation, v)) for v in sedation.vitals.select_related("by")
    ]


def _readings(rows: list[VitalsRow], sign: str) -> list[trend.Reading]:
    return [
        trend.Reading(row.vitals.at, value, sign in row.flagged)
        for row in rows
        if (value := getattr(row.vitals, sign)) is not None
    ]


def _limits(sign: VitalSign) -> list[int]:
    threshold = vital_flag_rules().thresholds[sign]
    return [t for t in (threshold.low, threshold.high) if t is not None]


def trend_panels(rows: list[VitalsRow]) -> list[trend.Panel]:
    """The trend chart: one panel per vital sign recorded, on the same time axis."""
    labels = vital_flag_rules().thresholds
    specs = [
        (labels[VitalSign.HEART_RATE].label, "beats/min", ["heart_rate"], VitalSign.HEART_RATE),
        ("Blood pressure", "mmHg", ["systolic", "diastolic"], VitalSign.SYSTOLIC),
        (
            labels[VitalSign.RESPIRATORY_RATE].label,
            "breaths/min",
            ["respiratory_rate"],
            VitalSign.RESPIRATORY_RATE,
        ),
        (labels[VitalSign.SPO2].label, "%", ["spo2"], VitalSign.SPO2),
    ]
    panels = []
    for title, unit, signs, limited in specs:
        lines = [(labels[VitalSign(s)].label, _readings(rows, s)) for s in signs]
        found = trend.panel(title, unit, lines, _limits(limited))
        if found is not None:
            panels.append(found)
    ramsay = trend.panel("Ramsay sedation level", "1 to 6", [("Ramsay", _readings(rows, RAMSAY))])
    if ramsay is not None:
        panels.append(ramsay)
    return panels


def monitoring_gaps(sedation: SedationRecord, phase: str) -> list[tuple[dt.datetime, dt.datetime]]:
    """Stretches without vital signs longer than the reference interval (and its grace), for
    the phase."""
    vitals = list(sedation.vitals.filter(phase=phase).values_list("at", flat=True))
    if len(vitals) < 1:
        return []
    intervals = recovery_reference().monitoring
    interval = intervals.during_sedation if phase == CarePhase.SEDATION else intervals.in_recovery
    end = (
        sedation.discharged_at
        if phase == CarePhase.RECOVERY and sedation.discharged_at
        else max(vitals)
    )
    return list(rules.observation_gaps(vitals, min(vitals), end, interval, grace=intervals.grace))
