"""The risk class of a case: the catalogue class, raised by the arterial sheath size."""

from __future__ import annotations

from irsuite.domain.bleeding.enums import RiskClass
from irsuite.domain.bleeding.inputs import Procedure
from irsuite.domain.bleeding.result import Notes
from irsuite.domain.bleeding.rules import Provenance, SheathRule
from irsuite.domain.catalogue import BleedingRiskClass

_CATALOGUE_TO_RISK = {BleedingRiskClass.LOW: RiskClass.LOW, BleedingRiskClass.HIGH: RiskClass.HIGH}


def sheath_class(sheath_fr: float, rule: SheathRule) -> RiskClass:
    """Risk class from the arterial sheath size alone (SIR 2019 procedure lists)."""
    if sheath_fr <= rule.low_max_fr:
        return RiskClass.LOW
    if sheath_fr > rule.high_above_fr:
        return RiskClass.HIGH
    return RiskClass.OPERATOR_DECIDES


def _procedure_provenance(procedure: Procedure) -> Provenance:
    return Provenance(
        rule=f"catalogue.{procedure.code}.bleeding_risk",
        source=procedure.source,
        verified=procedure.verified,
    )


def _describe_sheath(sheath_fr: float, cls: RiskClass, rule: SheathRule) -> str:
    low, high = f"{rule.low_max_fr:g}", f"{rule.high_above_fr:g}"
    if cls is RiskClass.LOW:
        return f"Arterial sheath {sheath_fr:g} F: up to {low} F is low bleeding risk."
    if cls is RiskClass.HIGH:
        return f"Arterial sheath {sheath_fr:g} F: over {high} F is high bleeding risk."
    return (
        f"Arterial sheath {sheath_fr:g} F lies between {low} F and {high} F, in neither list: "
        "the operator decides the bleeding-risk class."
    )


def classify(
    procedure: Procedure, sheath_fr: float | None, rule: SheathRule, notes: Notes
) -> RiskClass:
    """Decide the risk class and record why in ``notes``.

    A catalogue class of high stays high; a low class is raised by a larger sheath; a
    sheath-decided procedure without a sheath size is left to the operator.
    """
    label = procedure.name or procedure.code
    if procedure.risk is BleedingRiskClass.BY_SHEATH and sheath_fr is None:
        notes.why(
            f"{label}: the catalogue lets the arterial sheath size decide, and none is given.",
            _procedure_provenance(procedure),
        )
        notes.act(
            "Record the planned arterial sheath size (French).", rule.provenance, blocking=True
        )
        return RiskClass.OPERATOR_DECIDES
    risk = _CATALOGUE_TO_RISK.get(procedure.risk)
    if risk is not None:
        notes.why(
            f"{label}: {risk.value} bleeding risk in the catalogue.",
            _procedure_provenance(procedure),
        )
    if sheath_fr is None:
        assert risk is not None
        return risk
    by_sheath = sheath_class(sheath_fr, rule)
    if risk is None or by_sheath.rank > risk.rank:
        notes.why(_describe_sheath(sheath_fr, by_sheath, rule), rule.provenance)
        return by_sheath
    return risk
