"""The periprocedural bleeding-risk planner (SIR 2019)."""

from __future__ import annotations

from datetime import datetime

from irsuite.domain.bleeding.classify import classify
from irsuite.domain.bleeding.enums import RiskClass
from irsuite.domain.bleeding.holds import HoldContext, plan_hold
from irsuite.domain.bleeding.inputs import PlanInput, ResolvedMedication, validate
from irsuite.domain.bleeding.labs import LabContext, assess_labs
from irsuite.domain.bleeding.result import BleedingPlan, Notes
from irsuite.domain.bleeding.rules import BleedingRules


def _later(new: datetime | None, kept: datetime | None) -> bool:
    return new is not None and (kept is None or new > kept)


def _one_per_drug(meds: tuple[ResolvedMedication, ...]) -> tuple[ResolvedMedication, ...]:
    """Keep one entry per drug: the one with the latest recorded last dose."""
    chosen: dict[str, ResolvedMedication] = {}
    for med in meds:
        kept = chosen.get(med.drug.id)
        if kept is None or _later(med.medication.last_dose_at, kept.medication.last_dose_at):
            chosen[med.drug.id] = med
    return tuple(chosen.values())


def _rules_class(risk: RiskClass, rules: BleedingRules, notes: Notes) -> RiskClass:
    """The class whose rules apply: an undecided case is planned as high risk meanwhile."""
    if risk is not RiskClass.OPERATOR_DECIDES:
        return risk
    notes.act(
        "The operator decides the bleeding-risk class; until then this plan applies the "
        "high-risk rules.",
        rules.sheath.provenance,
        blocking=True,
    )
    return RiskClass.HIGH


def plan(request: PlanInput, rules: BleedingRules) -> BleedingPlan:
    """Make the bleeding-risk plan for one case.

    Raises :class:`~irsuite.domain.bleeding.inputs.PlanInputError` (or its subclass
    ``UnknownDrugError``) when the input cannot give a safe plan; never guesses silently.
    Every line of the plan cites its rule and source and says whether it is verified.
    """
    meds = _one_per_drug(validate(request, rules))
    notes = Notes()
    risk = classify(request.procedure, request.arterial_sheath_fr, rules.sheath, notes)
    applied = _rules_class(risk, rules, notes)
    drugs = frozenset(med.drug.id for med in meds)
    assess_labs(LabContext(request, applied, drugs, rules), notes)
    hold_ctx = HoldContext(request.scheduled_at, request.now, applied, request.crcl_ml_min, rules)
    for med in meds:
        plan_hold(med, hold_ctx, notes)
    cleared = risk is not RiskClass.OPERATOR_DECIDES and not any(
        line.blocking for line in notes.actions
    )
    return BleedingPlan(
        risk_class=risk,
        cleared=cleared,
        holds=tuple(sorted(notes.holds, key=lambda hold: hold.hold_from)),
        actions=tuple(notes.actions),
        reasons=tuple(notes.reasons),
        warnings=tuple(notes.warnings),
        rules_version=rules.version,
    )
