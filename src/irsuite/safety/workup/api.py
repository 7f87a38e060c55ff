"""API: the bleeding-risk plan (stateless check) and the work-up of a request."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from irsuite.bounds import QUERY_TEXT_MAX, DbId, EventTime, Flag, Input, Line, Measure
from irsuite.cases.models import CatalogueEntry
from irsuite.domain.bleeding import (
    Labs,
    Medication,
    PlanInput,
    PlanInputError,
    Procedure,
    UnknownDrugError,
    plan,
)
from irsuite.errors import ValidationFailed
from irsuite.people.access import allow
from irsuite.people.roles import Capability
from irsuite.safety.queries import visible_request
from irsuite.safety.workup.models import WorkUp
from irsuite.safety.workup.plan import current_plan, latest_labs, plan_json, planner_procedure
from irsuite.safety.workup.reference import bleeding_rules

router = Router(tags=["safety"])


class LabsIn(Input):
    inr: Measure | None = None
    platelets_10e9_per_l: Measure | None = None
    taken_at: EventTime | None = None


class MedicationIn(Input):
    drug: Line = Field(..., max_length=QUERY_TEXT_MAX)
    dose: Line | None = Field(None, max_length=QUERY_TEXT_MAX)
    last_dose_at: EventTime | None = None


class BleedingRiskIn(Input):
    procedure: Line = Field(..., max_length=QUERY_TEXT_MAX)
    arterial_sheath_fr: Measure | None = None
    scheduled_at: EventTime
    labs: LabsIn = LabsIn()
    medications: list[MedicationIn] = Field([], max_length=50)
    crcl_ml_min: Measure | None = None
    chronic_liver_disease: Flag = False


class HoldOut(Schema):
    drug: str
    hold_from: str
    resume_after: str | None
    rule: str
    source: str


class BleedingRiskOut(Schema):
    risk_class: str
    cleared: bool
    holds: list[HoldOut]
    actions: list[str]
    reasons: list[str]


class WorkUpOut(Schema):
    request_id: int
    accession_number: str
    asa_class: str
    sedation_plan: str
    fasting_status: str
    pregnancy_status: str
    contrast_allergy: bool
    labs: dict[str, dict[str, object]]
    medications: list[dict[str, object]]
    signed: bool
    overridden: bool
    plan: BleedingRiskOut | None
    problems: list[str]


def _procedure(code: str) -> Procedure:
    entry = CatalogueEntry.objects.filter(code=code, active=True).first()
    if entry is None:
        raise ValidationFailed(
            f"Unknown catalogue code {code!r}: use a code of GET /api/v1/catalogue.",
            detail={"procedure": code},
        )
    return planner_procedure(entry)


@router.post("/safety/bleeding-risk", response=BleedingRiskOut)
@allow(Capability.WORKUP)
def bleeding_risk(request: HttpRequest, payload: BleedingRiskIn) -> dict[str, object]:
    """The SIR 2019 bleeding-risk plan for a procedure, labs and drugs (nothing is stored)."""
    request_input = PlanInput(
        procedure=_procedure(payload.procedure),
        scheduled_at=payload.scheduled_at,
        now=timezone.now(),
        labs=Labs(
            inr=payload.labs.inr,
            platelets_10e9_per_l=payload.labs.platelets_10e9_per_l,
            taken_at=payload.labs.taken_at,
        ),
        medications=tuple(Medication(m.drug, m.dose, m.last_dose_at) for m in payload.medications),
        arterial_sheath_fr=payload.arterial_sheath_fr,
        crcl_ml_min=payload.crcl_ml_min,
        chronic_liver_disease=payload.chronic_liver_disease,
    )
    try:
        result = plan(request_input, bleeding_rules())
    except UnknownDrugError as exc:
        names = ", ".join(repr(d) for d in exc.drugs)
        raise ValidationFailed(
            f"Unknown drug {names}: use a generic name the rules list "
            f"({', '.join(sorted(bleeding_rules().drugs))}).",
            detail=[{"field": p.field, "message": p.message} for p in exc.problems],
        ) from None
    except PlanInputError as exc:
        raise ValidationFailed(
            f"The plan cannot be made: {exc}",
            detail=[{"field": p.field, "message": p.message} for p in exc.problems],
        ) from None
    return plan_json(result)


@router.get("/safety/workups/{request_id}", response=WorkUpOut)
@allow(Capability.WORKUP)
def get_workup(request: HttpRequest, request_id: DbId) -> dict[str, object]:
    """The work-up of a request with its current plan."""
    req = visible_request(request, request_id)
    workup = get_object_or_404(
        WorkUp.objects.select_related(
            "request__catalogue_entry", "request__patient"
        ).prefetch_related("labs", "medications"),
        request=req,
    )
    outcome = current_plan(workup, timezone.now())
    return {
        "request_id": req.pk,
        "accession_number": req.accession_number,
        "asa_class": workup.asa_display,
        "sedation_plan": workup.sedation_plan,
        "fasting_status": workup.fasting_status,
        "pregnancy_status": workup.pregnancy_status,
        "contrast_allergy": workup.contrast_allergy,
        "labs": {
            kind: {"value": lab.value, "taken_at": lab.taken_at.isoformat()}
            for kind, lab in latest_labs(workup).items()
        },
        "medications": [
            {
                "drug": m.drug,
                "drug_id": m.drug_id,
                "dose": m.dose,
                "last_dose_at": m.last_dose_at.isoformat() if m.last_dose_at else None,
            }
            for m in workup.medications.all()
        ],
        "signed": workup.signed_at is not None,
        "overridden": workup.override_at is not None,
        "plan": None if outcome.plan is None else plan_json(outcome.plan),
        "problems": outcome.problems,
    }
