"""The bleeding-risk rules as typed data, parsed from ``reference/data/bleeding_risk.toml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from irsuite.domain.bleeding.enums import DrugKind, HoldKind, RiskClass
from irsuite.domain.renal import CockcroftGault


@dataclass(frozen=True)
class Provenance:
    """Where a rule comes from: its identifier in the reference file, source and status."""

    rule: str
    source: str
    verified: bool


@dataclass(frozen=True)
class LabThresholds:
    """INR and platelet limits for one risk class.

    INR at or below ``inr_ok_max`` passes; above ``inr_correct_above`` it must be corrected;
    in between lies the guideline's range, which the operator confirms.
    """

    inr_ok_max: float
    inr_correct_above: float
    platelets_transfuse_below: float
    fibrinogen_below_mg_dl: float | None
    provenance: Provenance


@dataclass(frozen=True)
class RiskLabRules:
    """Which labs a risk class needs routinely, and for which drugs the INR is needed."""

    routine: bool
    inr_needed_with: frozenset[str]
    thresholds: LabThresholds


@dataclass(frozen=True)
class ArterialInrRule:
    """INR limits (strictly below) for low-risk procedures with arterial access."""

    femoral_inr_below: float
    radial_inr_below: float
    provenance: Provenance


@dataclass(frozen=True)
class LiverDiseaseRules:
    """Lab rules for patients with chronic liver disease."""

    inr_needed: bool
    judicious_transfusion: bool
    low: LabThresholds
    high: LabThresholds
    provenance: Provenance


@dataclass(frozen=True)
class SheathRule:
    """Arterial sheath sizes (French) that make a case low or high risk."""

    low_max_fr: float
    high_above_fr: float
    provenance: Provenance


@dataclass(frozen=True)
class LabValidity:
    """How old a lab result may be at the scheduled start."""

    days: int
    inr_recent_hours: float
    inr_recent_with: frozenset[str]
    provenance: Provenance


@dataclass(frozen=True)
class ValueRange:
    """A closed interval of plausible values."""

    low: float
    high: float

    def contains(self, value: float) -> bool:
        """True when ``value`` lies within the interval, bounds included."""
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Plausibility:
    """Data-entry ranges outside which a value is refused as a probable error."""

    inr: ValueRange
    platelets: ValueRange
    crcl: ValueRange
    sheath_fr: ValueRange
    fibrinogen: ValueRange
    provenance: Provenance


@dataclass(frozen=True)
class HoldRule:
    """How to hold one drug for one risk class (and, for some drugs, one renal band)."""

    risk: RiskClass
    kind: HoldKind
    text: str
    provenance: Provenance
    days: int | None = None
    hours: float | None = None
    crcl_min: float | None = None
    crcl_max: float | None = None
    resume_hours: float | None = None
    note: str | None = None

    @property
    def renal(self) -> bool:
        """True when the rule applies only to a creatinine-clearance band."""
        return self.crcl_min is not None or self.crcl_max is not None

    def covers(self, crcl: float) -> bool:
        """True when ``crcl`` (mL/min) falls in this rule's band: min inclusive, max exclusive."""
        if self.crcl_min is not None and crcl < self.crcl_min:
            return False
        return not (self.crcl_max is not None and crcl >= self.crcl_max)

    @property
    def length_hours(self) -> float:
        """Hold length in hours, for choosing the longest rule; 0 for none or consult."""
        if self.kind is HoldKind.DAYS and self.days is not None:
            return self.days * 24.0
        if self.kind is HoldKind.HOURS and self.hours is not None:
            return self.hours
        return 0.0


@dataclass(frozen=True)
class DrugRule:
    """A drug that affects haemostasis and its holds per risk class."""

    id: str
    label: str
    kind: DrugKind
    synonyms: tuple[str, ...]
    holds: tuple[HoldRule, ...]

    def holds_for(self, risk: RiskClass) -> tuple[HoldRule, ...]:
        """The hold rules for one risk class (several when they depend on renal function)."""
        return tuple(rule for rule in self.holds if rule.risk is risk)


@dataclass(frozen=True)
class AmbiguousName:
    """A drug name that does not say the regimen; the conservative regimen is assumed."""

    name: str
    assume: str
    ask: str


@dataclass(frozen=True)
class Resumption:
    """The general condition for restarting drugs after the procedure."""

    text: str
    provenance: Provenance


@dataclass(frozen=True)
class BleedingRules:
    """Every rule the planner needs, with provenance on each."""

    version: str
    source: str
    labs_low: RiskLabRules
    labs_high: RiskLabRules
    arterial: ArterialInrRule
    liver_disease: LiverDiseaseRules
    sheath: SheathRule
    validity: LabValidity
    plausible: Plausibility
    cockcroft_gault: CockcroftGault
    resumption: Resumption
    drugs: Mapping[str, DrugRule]
    names: Mapping[str, str]
    ambiguous: Mapping[str, AmbiguousName]

    def labs_for(self, risk: RiskClass) -> RiskLabRules:
        """Lab rules of a risk class; operator-decides cases use the high-risk rules."""
        return self.labs_low if risk is RiskClass.LOW else self.labs_high
