"""The day-of-procedure reference data, parsed once per process from reference/data.

checklist.toml (the safety checklist), report_templates.toml (the report templates and the
consent form wording), recovery.toml (Aldrete and Ramsay scores, monitoring intervals and the
plausibility limits of vital signs), sedation.toml (vital signs highlighted, the discharge
protocol, back-timing) and sedation_drugs.toml (the drug list and its dose ranges).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from irsuite.domain.checklist import ChecklistDefinition
from irsuite.domain.checklist_parse import parse_checklist
from irsuite.domain.consent import ConsentWording, parse_consent_wording
from irsuite.domain.recovery import RecoveryReference, parse_recovery
from irsuite.domain.report_template import ReportTemplates, parse_report_templates
from irsuite.domain.sedation.discharge import DischargeProtocol, parse_discharge_protocol
from irsuite.domain.sedation.doses import SedationDrugs, parse_sedation_drugs
from irsuite.domain.sedation.episode import EpisodeRules, parse_episode_rules
from irsuite.domain.sedation.vitals import VitalFlagRules, parse_vital_flags
from irsuite.reference.loader import read_toml

FILE_NAMES = (
    "checklist.toml, recovery.toml, report_templates.toml, sedation.toml, sedation_drugs.toml"
)
# The vital signs a sedation record stores, each needing a limit in recovery.toml.
VITAL_SIGNS = ("heart_rate", "systolic", "diastolic", "respiratory_rate", "spo2")


@dataclass(frozen=True)
class VitalSignLimit:
    """The plausible range of one vital sign (a data-entry check), with its source."""

    minimum: int
    maximum: int
    unit: str
    source: str
    verified: bool

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


@cache
def checklist_definition() -> ChecklistDefinition:
    return parse_checklist(read_toml("checklist.toml"))


@cache
def consent_wording() -> ConsentWording:
    return parse_consent_wording(read_toml("report_templates.toml"))


@cache
def report_templates() -> ReportTemplates:
    return parse_report_templates(read_toml("report_templates.toml"))


@cache
def recovery_reference() -> RecoveryReference:
    return parse_recovery(read_toml("recovery.toml"))


@cache
def sedation_drugs() -> SedationDrugs:
    """The sedation drug list and each drug's dose ranges by route."""
    return parse_sedation_drugs(read_toml("sedation_drugs.toml"))


@cache
def vital_flag_rules() -> VitalFlagRules:
    """The vital signs highlighted during sedation and recovery."""
    return parse_vital_flags(read_toml("sedation.toml"))


@cache
def discharge_protocol() -> DischargeProtocol:
    """How long to observe before discharge from recovery."""
    return parse_discharge_protocol(read_toml("sedation.toml"))


@cache
def episode_rules() -> EpisodeRules:
    """How far back a sedation episode and its entries may be charted."""
    return parse_episode_rules(read_toml("sedation.toml"))


SEDATION_LOADERS = (sedation_drugs, vital_flag_rules, discharge_protocol, episode_rules)


@cache
def vital_sign_limits() -> dict[str, VitalSignLimit]:
    """The limits of ``[vital_sign_limits]`` in recovery.toml, by vital sign."""
    return parse_vital_sign_limits(read_toml("recovery.toml"))


def parse_vital_sign_limits(data: Mapping[str, Any]) -> dict[str, VitalSignLimit]:
    """Each vital sign's limit from the TOML document; a ValueError names what is wrong."""
    raw = data.get("vital_sign_limits", {})
    missing = [name for name in VITAL_SIGNS if name not in raw]
    if missing:
        raise ValueError(f"recovery.toml has no [vital_sign_limits] for {', '.join(missing)}")
    limits = {}
    for name in VITAL_SIGNS:
        entry = raw[name]
        limit = VitalSignLimit(
            minimum=int(entry["minimum"]),
            maximum=int(entry["maximum"]),
            unit=str(entry["unit"]),
            source=str(entry["source"]),
            verified=bool(entry["verified"]),
        )
        if not 0 <= limit.minimum < limit.maximum:
            raise ValueError(f"The {name} limit needs 0 <= minimum < maximum in recovery.toml")
        limits[name] = limit
    return limits


def validate_all() -> str:
    """Parse every file again (for `irsuite load-reference`); a summary line."""
    loaders = (
        checklist_definition,
        consent_wording,
        report_templates,
        recovery_reference,
        vital_sign_limits,
        *SEDATION_LOADERS,
    )
    for loader in loaders:
        loader.cache_clear()
    checklist = checklist_definition()
    consent_wording()
    templates = report_templates()
    recovery = recovery_reference()
    vital_sign_limits()
    drugs = sedation_drugs()
    for loader in SEDATION_LOADERS:
        loader()
    return (
        f"checklist {checklist.version} ({len(checklist.items)} items), "
        f"report templates {templates.version}, recovery scores {recovery.version}, "
        f"sedation drugs {drugs.version} ({len(drugs.drugs)} drugs): valid"
    )
