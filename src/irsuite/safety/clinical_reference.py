"""The day-of-procedure reference data, parsed once per process from reference/data."""

from __future__ import annotations

from functools import cache

from irsuite.domain.checklist import ChecklistDefinition, parse_checklist
from irsuite.domain.consent import ConsentWording, parse_consent_wording
from irsuite.domain.recovery import RecoveryReference, parse_recovery
from irsuite.domain.report_template import ReportTemplates, parse_report_templates
from irsuite.reference.loader import read_toml


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


def validate_all() -> str:
    """Parse every file again (for `irsuite load-reference`); a summary line."""
    for loader in (checklist_definition, consent_wording, report_templates, recovery_reference):
        loader.cache_clear()
    checklist = checklist_definition()
    consent_wording()
    templates = report_templates()
    recovery = recovery_reference()
    return (
        f"checklist {checklist.version} ({len(checklist.items)} items), "
        f"report templates {templates.version}, recovery scores {recovery.version}: valid"
    )
