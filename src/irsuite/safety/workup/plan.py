"""Builds the planner's input from a stored work-up and renders plans for pages and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from irsuite.cases.models import CatalogueEntry
from irsuite.domain.bleeding import (
    ArterialAccess,
    BleedingPlan,
    Labs,
    Medication,
    PlanInput,
    PlanInputError,
    PlanLine,
    Procedure,
    plan,
)
from irsuite.domain.catalogue import BleedingRiskClass
from irsuite.domain.renal import CreatinineUnit, RenalInputError, Sex, cockcroft_gault
from irsuite.patients.models import Sex as PatientSex
from irsuite.safety.workup.models import LabKind, WorkUp, WorkUpLab
from irsuite.safety.workup.reference import bleeding_rules

_SEX: dict[str, Sex] = {PatientSex.FEMALE: Sex.FEMALE, PatientSex.MALE: Sex.MALE}


@dataclass
class PlanOutcome:
    """A plan, or the problems that stop one being made; ``notes`` explain derived inputs."""

    plan: BleedingPlan | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def cleared(self) -> bool:
        """True only when a plan exists and is cleared."""
        return self.plan is not None and self.plan.cleared


def latest_labs(workup: WorkUp) -> dict[str, WorkUpLab]:
    """The most recent result of each kind (uses prefetched ``labs`` when present)."""
    latest: dict[str, WorkUpLab] = {}
    for lab in workup.labs.all():
        kept = latest.get(lab.kind)
        if kept is None or lab.taken_at > kept.taken_at:
            latest[lab.kind] = lab
    return latest


def procedure_of(workup: WorkUp) -> Procedure:
    """The catalogue entry of the request as the planner sees it."""
    return planner_procedure(workup.request.catalogue_entry)


def planner_procedure(entry: CatalogueEntry) -> Procedure:
    """A catalogue entry as the planner sees it: code, bleeding-risk class and provenance."""
    return Procedure(
        code=entry.code,
        risk=BleedingRiskClass(entry.bleeding_risk),
        name=entry.name,
        source=f"irsuite procedure catalogue: {entry.source}",
        verified=entry.verified,
    )


def clearance(workup: WorkUp, labs: dict[str, WorkUpLab], outcome: PlanOutcome) -> float | None:
    """CrCl from a recorded clearance, else Cockcroft-Gault from creatinine, age, weight, sex."""
    if LabKind.CRCL in labs:
        return labs[LabKind.CRCL].value
    creatinine = labs.get(LabKind.CREATININE)
    patient = workup.request.patient
    sex = _SEX.get(patient.sex)
    if creatinine is None or patient.weight_kg is None or sex is None:
        return None
    try:
        crcl = cockcroft_gault(
            age_years=patient.age_on(creatinine.taken_at.date()),
            weight_kg=float(patient.weight_kg),
            sex=sex,
            creatinine=creatinine.value,
            unit=CreatinineUnit.UMOL_PER_L,
            coefficients=bleeding_rules().cockcroft_gault,
        )
    except RenalInputError as exc:
        outcome.notes.append(f"CrCl not calculated: {exc}")
        return None
    outcome.notes.append(
        f"CrCl {crcl:.0f} mL/min by Cockcroft-Gault from creatinine {creatinine.value:g} "
        f"micromol/L, age, weight {patient.weight_kg} kg and sex."
    )
    return crcl


def _coag_labs(labs: dict[str, WorkUpLab]) -> Labs:
    coag = [labs[k] for k in (LabKind.INR, LabKind.PLATELETS, LabKind.FIBRINOGEN) if k in labs]
    return Labs(
        inr=labs[LabKind.INR].value if LabKind.INR in labs else None,
        platelets_10e9_per_l=labs[LabKind.PLATELETS].value if LabKind.PLATELETS in labs else None,
        fibrinogen_mg_dl=labs[LabKind.FIBRINOGEN].value if LabKind.FIBRINOGEN in labs else None,
        # One sample time for the set: the oldest, so no result looks fresher than it is.
        taken_at=min((lab.taken_at for lab in coag), default=None),
    )


def plan_input(workup: WorkUp, now: dt.datetime, outcome: PlanOutcome) -> PlanInput | None:
    """The planner's input, or None (with a problem) when the case is not scheduled."""
    start = workup.request.scheduled_start
    if start is None:
        outcome.problems.append("The request has no scheduled start yet: schedule it first.")
        return None
    labs = latest_labs(workup)
    return PlanInput(
        procedure=procedure_of(workup),
        scheduled_at=start,
        now=now,
        labs=_coag_labs(labs),
        medications=tuple(
            Medication(drug=m.drug, dose=m.dose or None, last_dose_at=m.last_dose_at)
            for m in workup.medications.all()
        ),
        arterial_sheath_fr=(
            None if workup.arterial_sheath_fr is None else float(workup.arterial_sheath_fr)
        ),
        arterial_access=ArterialAccess(workup.arterial_access) if workup.arterial_access else None,
        crcl_ml_min=clearance(workup, labs, outcome),
        chronic_liver_disease=workup.chronic_liver_disease,
    )


def current_plan(workup: WorkUp, now: dt.datetime) -> PlanOutcome:
    """The bleeding-risk plan of a work-up as of ``now``."""
    outcome = PlanOutcome()
    request = plan_input(workup, now, outcome)
    if request is None:
        return outcome
    try:
        outcome.plan = plan(request, bleeding_rules())
    except PlanInputError as exc:
        outcome.problems.extend(f"{_words(p.field)}: {p.message}" for p in exc.problems)
    return outcome


def cite(line: PlanLine) -> str:
    """A plan line as one text with its rule, source and verification status."""
    status = "" if line.verified else "; unverified"
    return f"{line.text} [rule: {line.rule}; source: {line.source}{status}]"


def plan_json(result: BleedingPlan) -> dict[str, Any]:
    """The plan in the API's shape (also what a signature stores)."""
    return {
        "risk_class": result.risk_class.value,
        "cleared": result.cleared,
        "holds": [
            {
                "drug": hold.drug,
                "hold_from": hold.hold_from.isoformat(),
                "resume_after": None
                if hold.resume_after is None
                else hold.resume_after.isoformat(),
                "rule": hold.rule,
                "source": hold.source + ("" if hold.verified else " (unverified)"),
            }
            for hold in result.holds
        ],
        "actions": [cite(line) for line in result.actions],
        "reasons": [cite(line) for line in result.reasons]
        + [f"Warning: {cite(line)}" for line in result.warnings],
    }


def _words(field_name: str) -> str:
    """A rule's field name as words on screen ("scheduled_at" -> "Scheduled at")."""
    return field_name.replace("_", " ").capitalize()
