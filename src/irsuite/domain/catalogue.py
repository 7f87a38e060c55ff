"""The procedure catalogue as plain data, parsed and checked from its TOML form.

Every request and procedure points at a catalogue entry (DOMAIN §2). The entry carries the
attributes other rules need: bleeding-risk class (SIR 2019), CPT codes, consent items,
follow-up plan and quality indicators with thresholds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Family(StrEnum):
    ARTERIAL = "arterial"
    VENOUS = "venous"
    EMBOLISATION = "embolisation"
    PORTAL_HYPERTENSION = "portal_hypertension"
    INTERVENTIONAL_ONCOLOGY = "interventional_oncology"
    NON_VASCULAR = "non_vascular"
    VENOUS_ACCESS = "venous_access"


class Guidance(StrEnum):
    FLUOROSCOPY = "fluoroscopy"
    US = "us"
    CT = "ct"
    MRI = "mri"
    CBCT = "cbct"


class BleedingRiskClass(StrEnum):
    LOW = "low"
    HIGH = "high"
    BY_SHEATH = "by_sheath"  # arterial work: the sheath-size rule decides


class RoomCapability(StrEnum):
    ANGIO = "angio"
    FLUOROSCOPY = "fluoroscopy"
    CT = "ct"
    US = "us"


class FollowUpKind(StrEnum):
    DRAIN_CHECK = "drain_check"
    IMAGING = "imaging"
    CLINIC = "clinic"
    DEVICE_RETRIEVAL = "device_retrieval"
    SKIN_CHECK = "skin_check"
    LAB = "lab"


# What a follow-up task is called on every page (the task, the report's plan, the worklist).
FOLLOW_UP_LABELS = {
    FollowUpKind.DRAIN_CHECK: "Drain check",
    FollowUpKind.IMAGING: "Imaging",
    FollowUpKind.CLINIC: "Clinic visit",
    FollowUpKind.DEVICE_RETRIEVAL: "Device retrieval",
    FollowUpKind.SKIN_CHECK: "Skin check",
    FollowUpKind.LAB: "Laboratory tests",
}


class QualityKind(StrEnum):
    COMPLICATION = "complication"
    SUCCESS = "success"


class ThresholdDirection(StrEnum):
    MAX = "max"  # a rate above the threshold triggers review
    MIN = "min"  # a rate below the threshold triggers review


class CatalogueError(ValueError):
    """The catalogue data is invalid; the message names the entry and the field."""


@dataclass(frozen=True)
class CptCode:
    code: str
    label: str


@dataclass(frozen=True)
class ConsentRisk:
    text: str
    frequency: str = ""


@dataclass(frozen=True)
class Consent:
    risks: tuple[ConsentRisk, ...] = ()
    benefits: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUpItem:
    kind: FollowUpKind
    after_days: int
    window_days: int
    text: str


@dataclass(frozen=True)
class QualityIndicator:
    indicator: str
    label: str
    kind: QualityKind
    threshold: float
    direction: ThresholdDirection
    source: str
    verified: bool


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    family: Family
    subfamily: str
    vascular: bool
    guidance: tuple[Guidance, ...]
    bleeding_risk: BleedingRiskClass
    fluoro_dose_expected: bool
    default_duration_min: int
    anaesthesia_usual: bool
    site_marking: bool
    room_capability: RoomCapability
    source: str
    verified: bool
    discharge_instructions: str = ""
    cpt: tuple[CptCode, ...] = ()
    consent: Consent = field(default_factory=Consent)
    follow_up: tuple[FollowUpItem, ...] = ()
    quality: tuple[QualityIndicator, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    name: str
    version: str
    source: str
    entries: tuple[CatalogueEntry, ...]

    def by_code(self) -> dict[str, CatalogueEntry]:
        return {e.code: e for e in self.entries}


CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
CPT_PATTERN = re.compile(r"^\d{4}[0-9A-Z]$")


def _require(raw: dict[str, Any], key: str, where: str) -> Any:
    if key not in raw:
        raise CatalogueError(f"{where}: the field '{key}' is missing.")
    return raw[key]


def _enum(kind: type[StrEnum], value: Any, where: str, key: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise CatalogueError(f"{where}: '{key}' is {value!r}; use one of {allowed}.") from None


def _parse_quality(raw: dict[str, Any], where: str) -> QualityIndicator:
    threshold = float(_require(raw, "threshold", where))
    if not 0.0 <= threshold <= 1.0:
        raise CatalogueError(f"{where}: threshold {threshold} must be a fraction from 0 to 1.")
    return QualityIndicator(
        indicator=str(_require(raw, "indicator", where)),
        label=str(raw.get("label", raw["indicator"])),
        kind=_enum(QualityKind, _require(raw, "kind", where), where, "kind"),
        threshold=threshold,
        direction=_enum(ThresholdDirection, raw.get("direction", "max"), where, "direction"),
        source=str(_require(raw, "source", where)),
        verified=bool(raw.get("verified", False)),
    )


def _parse_follow_up(raw: dict[str, Any], where: str) -> FollowUpItem:
    after = int(_require(raw, "after_days", where))
    if after < 0:
        raise CatalogueError(f"{where}: after_days must not be negative.")
    return FollowUpItem(
        kind=_enum(FollowUpKind, _require(raw, "kind", where), where, "kind"),
        after_days=after,
        window_days=int(raw.get("window_days", 7)),
        text=str(_require(raw, "text", where)),
    )


def _parse_consent(raw: dict[str, Any]) -> Consent:
    risks = tuple(
        ConsentRisk(text=str(r["text"]), frequency=str(r.get("frequency", "")))
        for r in raw.get("risks", [])
    )
    return Consent(
        risks=risks,
        benefits=tuple(str(b) for b in raw.get("benefits", [])),
        alternatives=tuple(str(a) for a in raw.get("alternatives", [])),
    )


def _parse_cpt(raw: dict[str, Any], where: str) -> CptCode:
    code = str(_require(raw, "code", where))
    if not CPT_PATTERN.match(code):
        raise CatalogueError(f"{where}: CPT code {code!r} is not five characters.")
    return CptCode(code=code, label=str(_require(raw, "label", where)))


def parse_entry(raw: dict[str, Any]) -> CatalogueEntry:
    """Parse one `[[entry]]` table, naming the entry and field in any error."""
    code = str(raw.get("code", ""))
    where = f"catalogue entry {code or '(no code)'}"
    if not CODE_PATTERN.match(code):
        raise CatalogueError(f"{where}: code must be 2-32 upper-case letters, digits or '-'.")
    duration = int(_require(raw, "default_duration_min", where))
    if not 5 <= duration <= 720:
        raise CatalogueError(f"{where}: default_duration_min must be 5 to 720 minutes.")
    return CatalogueEntry(
        code=code,
        name=str(_require(raw, "name", where)),
        family=_enum(Family, _require(raw, "family", where), where, "family"),
        subfamily=str(raw.get("subfamily", "")),
        vascular=bool(_require(raw, "vascular", where)),
        guidance=tuple(_enum(Guidance, g, where, "guidance") for g in raw.get("guidance", [])),
        bleeding_risk=_enum(
            BleedingRiskClass, _require(raw, "bleeding_risk", where), where, "bleeding_risk"
        ),
        fluoro_dose_expected=bool(_require(raw, "fluoro_dose_expected", where)),
        default_duration_min=duration,
        anaesthesia_usual=bool(raw.get("anaesthesia_usual", False)),
        site_marking=bool(raw.get("site_marking", False)),
        room_capability=_enum(
            RoomCapability, _require(raw, "room_capability", where), where, "room_capability"
        ),
        source=str(_require(raw, "source", where)),
        verified=bool(raw.get("verified", False)),
        discharge_instructions=str(raw.get("discharge_instructions", "")),
        cpt=tuple(_parse_cpt(c, where) for c in raw.get("cpt", [])),
        consent=_parse_consent(raw.get("consent", {})),
        follow_up=tuple(_parse_follow_up(f, where) for f in raw.get("follow_up", [])),
        quality=tuple(_parse_quality(q, where) for q in raw.get("quality", [])),
    )


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Parse the whole catalogue document; codes must be unique."""
    meta = data.get("meta", {})
    for key in ("version", "source"):
        if key not in meta:
            raise CatalogueError(f"catalogue [meta]: the field '{key}' is missing.")
    entries = tuple(parse_entry(raw) for raw in data.get("entry", []))
    seen: set[str] = set()
    for entry in entries:
        if entry.code in seen:
            raise CatalogueError(f"catalogue entry {entry.code}: the code is used twice.")
        seen.add(entry.code)
    return Catalogue(
        name=str(meta.get("name", "irsuite procedure catalogue")),
        version=str(meta["version"]),
        source=str(meta["source"]),
        entries=entries,
    )
