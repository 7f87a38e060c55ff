"""Demo IVC filters (some left in), long-term lines with CRBSI, follow-up tasks and visits."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from irsuite.cases.models import CatalogueEntry, Procedure, ProcedureStatus
from irsuite.demo.context import DemoContext
from irsuite.domain.catalogue import FollowUpKind
from irsuite.domain.quality.clinical_success import (
    FollowUpFindings,
    ImagingResponse,
    Patency,
    SymptomRelief,
    clinical_success,
)
from irsuite.outcomes.adverse_events.models import (
    AdverseEvent,
    AdverseEventGrading,
    AeCategory,
    AeTiming,
)
from irsuite.outcomes.devices.models import CentralLine, IvcFilter
from irsuite.outcomes.followup.models import (
    FollowUpSource,
    FollowUpStatus,
    FollowUpTask,
    FollowUpVisit,
    VisitMode,
    VisitStatus,
)
from irsuite.outcomes.quality.facts import FOLLOW_UP_SUCCESS
from irsuite.outcomes.reference import device_codes
from irsuite.people.roles import StaffRole

CRBSI_PER_1000_DAYS = {"tunnelled": 1.2, "port": 0.3}  # demo generation only, not a reference
FOLLOW_UP_WINDOW_DAYS = 150


def _signed(codes: Iterable[str]) -> list[tuple[int, int, dt.date, str]]:
    return list(
        Procedure.objects.filter(
            status=ProcedureStatus.SIGNED, entries__code__in=list(codes)
        ).values_list("pk", "request__patient_id", "day", "entries__code")
    )


def _filters(ctx: DemoContext) -> None:
    rng, items = ctx.rng, []
    for pk, patient, day, _ in _signed(device_codes().filter_placement):
        item = IvcFilter(
            patient_id=patient,
            placement_id=pk,
            placed_on=day,
            device_name=rng.choice(["Retrievable filter A", "Retrievable filter B"]),
        )
        roll, age = rng.random(), (ctx.today - day).days
        if roll < 0.45 and age > 30:
            item.retrieved_on = day + dt.timedelta(days=rng.randint(25, min(age, 150)))
        elif roll < 0.60:
            item.retrieval_planned_on = ctx.today + dt.timedelta(days=rng.randint(3, 40))
        elif roll < 0.72:
            item.deliberately_permanent = True
            item.permanent_reason = "Ongoing contraindication to anticoagulation"
        elif roll < 0.82:
            item.lost_to_follow_up = True
        items.append(item)
    IvcFilter.objects.bulk_create(items, batch_size=2000)


def _lines(ctx: DemoContext) -> None:
    rng, lines, infections = ctx.rng, [], []
    placement = device_codes().line_placement
    for pk, patient, day, code in _signed(placement):
        kind = placement[code]
        removed = day + dt.timedelta(days=rng.randint(20, 300)) if rng.random() < 0.6 else None
        removed = removed if removed and removed <= ctx.today else None
        lines.append(
            CentralLine(
                patient_id=patient, insertion_id=pk, kind=kind, inserted_on=day, removed_on=removed
            )
        )
        days = ((removed or ctx.today) - day).days
        if rng.random() < 1 - math.exp(-CRBSI_PER_1000_DAYS[kind.value] * days / 1000):
            onset = day + dt.timedelta(days=rng.randint(1, max(1, days)))
            infections.append(
                AdverseEvent(
                    procedure_id=pk,
                    timing=AeTiming.DELAYED,
                    onset_date=min(onset, ctx.today),
                    category=AeCategory.BLOODSTREAM_INFECTION,
                    indicator="crbsi",
                    major=True,
                    description="Catheter-related bloodstream infection (synthetic demo record)",
                    treatment="Line removed, intravenous antibiotics",
                    outcome="Recovered",
                    length_of_stay_hours=rng.randint(72, 240),
                )
            )
    CentralLine.objects.bulk_create(lines, batch_size=2000)
    created = AdverseEvent.objects.bulk_create(infections)
    AdverseEventGrading.objects.bulk_create(
        AdverseEventGrading(event_id=e.pk, scale="sir_2017", grade="3") for e in created
    )


def build_devices(ctx: DemoContext) -> None:
    """Filters and lines followed from their placement."""
    _filters(ctx)
    _lines(ctx)


def _findings(ctx: DemoContext) -> FollowUpFindings:
    rng = ctx.rng
    good = rng.random() < 0.85
    return FollowUpFindings(
        patency=Patency.PATENT if good else rng.choice([Patency.STENOSED, Patency.OCCLUDED]),
        symptom_relief=SymptomRelief.COMPLETE if good else SymptomRelief.NONE,
        imaging_response=rng.choice([ImagingResponse.COMPLETE, ImagingResponse.PARTIAL])
        if good
        else ImagingResponse.PROGRESSION,
    )


def build_follow_up(ctx: DemoContext) -> None:
    """Tasks from the catalogue plans of recent cases; visits with findings for the done ones."""
    rng = ctx.rng
    clinicians = ctx.staff(StaffRole.ATTENDING) + ctx.staff(StaffRole.APP)
    entries = {e.pk: e for e in CatalogueEntry.objects.all()}
    since = ctx.today - dt.timedelta(days=FOLLOW_UP_WINDOW_DAYS)
    tasks, visits = [], []
    for pk, patient, day, entry_id in Procedure.objects.filter(
        status=ProcedureStatus.SIGNED, day__gte=since
    ).values_list("pk", "request__patient_id", "day", "entries"):
        entry = entries.get(entry_id)
        if entry is None:
            continue
        success_at_follow_up = any(q["indicator"] in FOLLOW_UP_SUCCESS for q in entry.quality)
        for plan in entry.follow_up or []:
            due = day + dt.timedelta(days=int(plan["after_days"]))
            done = due < ctx.today - dt.timedelta(days=3) and rng.random() < 0.85
            clinician = rng.choice(clinicians)
            tasks.append(
                FollowUpTask(
                    patient_id=patient,
                    procedure_id=pk,
                    kind=FollowUpKind(plan["kind"]).value,
                    source=FollowUpSource.CATALOGUE,
                    description=plan["text"],
                    due_date=due,
                    window_days=int(plan.get("window_days", 7)),
                    assigned_to=clinician,
                    status=FollowUpStatus.DONE if done else FollowUpStatus.OPEN,
                    outcome_note="Seen; as expected." if done else "",
                )
            )
            if done and (success_at_follow_up or plan["kind"] == FollowUpKind.CLINIC.value):
                findings = _findings(ctx)
                visits.append(
                    FollowUpVisit(
                        patient_id=patient,
                        procedure_id=pk,
                        clinician=clinician,
                        mode=rng.choice(VisitMode.values),
                        booked_for=due,
                        status=VisitStatus.ATTENDED,
                        patency=findings.patency.value,
                        symptom_relief=findings.symptom_relief.value,
                        imaging_response=findings.imaging_response.value,
                        clinical_success=clinical_success(findings).value,
                        recorded_at=ctx.now,
                    )
                )
    FollowUpTask.objects.bulk_create(tasks, batch_size=2000)
    FollowUpVisit.objects.bulk_create(visits, batch_size=2000)
