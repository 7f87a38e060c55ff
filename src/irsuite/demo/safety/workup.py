"""Demo work-ups for the booked cases: labs, drugs affecting haemostasis (apixaban, warfarin,
clopidogrel, aspirin), ASA class, sedation plan; today's ready cases carry a signed plan."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from irsuite.cases.models import Request, RequestStatus
from irsuite.demo.context import DemoContext
from irsuite.domain.bleeding import resolve_drug
from irsuite.domain.catalogue import BleedingRiskClass
from irsuite.patients.models import Sex
from irsuite.safety.workup.models import (
    ArterialAccessSite,
    AsaClass,
    FastingStatus,
    LabKind,
    PregnancyStatus,
    SedationPlan,
    WorkUp,
    WorkUpLab,
    WorkUpMedication,
)
from irsuite.safety.workup.plan import current_plan, plan_json
from irsuite.safety.workup.reference import bleeding_rules

# (written name, dose, share of booked patients): a plausible IR outpatient mix.
DRUGS = [
    ("apixaban", "5 mg twice daily", 0.12),
    ("Warfarin", "dose by INR clinic", 0.08),
    ("clopidogrel", "75 mg daily", 0.10),
    ("aspirin", "75 mg daily", 0.15),
    ("rivaroxaban", "20 mg daily", 0.04),
]
SHEATHS = [4.0, 5.0, 5.0, 6.0, 6.0, 7.0, 8.0]


def _drug_id(name: str) -> str:
    found = resolve_drug(name, bleeding_rules())
    if found is None:
        raise ValueError(f"The demo drug {name!r} is not in the bleeding-risk rules.")
    return found[0].id


def _labs(
    rng: random.Random, workup: WorkUp, drugs: list[str], now: dt.datetime
) -> list[WorkUpLab]:
    taken = now - dt.timedelta(hours=rng.randint(2, 96))
    on_warfarin = "Warfarin" in drugs
    inr = round(rng.uniform(2.0, 2.9) if on_warfarin else rng.uniform(0.9, 1.3), 1)
    platelets = rng.choice([rng.randint(150, 380)] * 19 + [rng.randint(25, 60)])
    values = {
        LabKind.INR: inr,
        LabKind.PLATELETS: platelets,
        LabKind.HAEMOGLOBIN: rng.randint(95, 155),
        LabKind.CREATININE: rng.randint(55, 190),
    }
    return [WorkUpLab(workup=workup, kind=k, value=v, taken_at=taken) for k, v in values.items()]


def _meds(rng: random.Random, workup: WorkUp, now: dt.datetime) -> list[WorkUpMedication]:
    meds = []
    for name, dose, share in DRUGS:
        if rng.random() < share:
            last = now - dt.timedelta(hours=rng.randint(2, 20))
            meds.append(
                WorkUpMedication(
                    workup=workup, drug=name, drug_id=_drug_id(name), dose=dose, last_dose_at=last
                )
            )
    return meds


def _workup(rng: random.Random, request: Request) -> WorkUp:
    entry, patient = request.catalogue_entry, request.patient
    day = (request.scheduled_start or request.requested_at).date()
    arterial = entry.bleeding_risk == BleedingRiskClass.BY_SHEATH
    return WorkUp(
        request=request,
        allergies=patient.allergies,
        contrast_allergy=patient.contrast_allergy,
        asa_class=rng.choice(
            [AsaClass.I, AsaClass.II, AsaClass.II, AsaClass.III, AsaClass.III, AsaClass.IV]
        ),
        sedation_plan=SedationPlan.GENERAL
        if entry.anaesthesia_usual
        else rng.choice([SedationPlan.LOCAL, SedationPlan.MODERATE, SedationPlan.MODERATE]),
        fasting_status=FastingStatus.UNKNOWN,
        pregnancy_status=(
            PregnancyStatus.UNKNOWN
            if patient.sex == Sex.FEMALE and patient.age_on(day) < 55
            else PregnancyStatus.NOT_APPLICABLE
        ),
        arterial_sheath_fr=rng.choice(SHEATHS) if arterial else None,
        arterial_access=rng.choice([ArterialAccessSite.FEMORAL, ArterialAccessSite.RADIAL])
        if arterial
        else ArterialAccessSite.NONE,
    )


def _sign_ready(ctx: DemoContext, workups: list[WorkUp]) -> None:
    """Today's ready cases were cleared and signed by an attending."""
    attendings = ctx.staff("attending")
    for workup in workups:
        start = workup.request.scheduled_start
        if workup.request.status != RequestStatus.READY or start is None:
            continue
        WorkUpMedication.objects.filter(workup=workup).delete()
        WorkUpLab.objects.filter(workup=workup).update(taken_at=start - dt.timedelta(hours=20))
        signed_at = start - dt.timedelta(hours=1)
        outcome = current_plan(workup, signed_at)
        workup.signed_by = ctx.rng.choice(attendings) if attendings else None
        workup.signed_at = signed_at
        workup.signed_plan = None if outcome.plan is None else plan_json(outcome.plan)
        if outcome.plan is None or not outcome.plan.cleared:
            workup.override_by = workup.signed_by
            workup.override_at = workup.signed_at
            workup.override_reason = "Reviewed with the operator: proceed as planned."
        workup.save()


def build(ctx: DemoContext) -> None:
    """Work-ups for every case booked from today on."""
    rng = ctx.rng
    day_start = ctx.now.replace(hour=0, minute=0, second=0, microsecond=0)
    booked = list(
        Request.objects.filter(
            status__in=[RequestStatus.SCHEDULED, RequestStatus.READY],
            scheduled_start__gte=day_start,
        )
        .select_related("catalogue_entry", "patient")
        .exclude(workup__isnull=False)
        .order_by("scheduled_start")
    )
    with transaction.atomic():
        # A case may already carry a work-up (an override records one); demo work-ups are
        # added to the others, and every ready case's work-up is then signed.
        existing = list(
            WorkUp.objects.filter(
                request__status=RequestStatus.READY, request__scheduled_start__gte=day_start
            ).select_related("request")
        )
        workups = WorkUp.objects.bulk_create([_workup(rng, r) for r in booked])
        meds: list[WorkUpMedication] = []
        labs: list[WorkUpLab] = []
        for workup in ctx.progress(workups, "work-ups", total=len(workups)):
            drawn = _meds(rng, workup, ctx.now)
            meds.extend(drawn)
            labs.extend(_labs(rng, workup, [m.drug for m in drawn], ctx.now))
        WorkUpMedication.objects.bulk_create(meds)
        WorkUpLab.objects.bulk_create(labs)
        _sign_ready(ctx, [*existing, *workups])
