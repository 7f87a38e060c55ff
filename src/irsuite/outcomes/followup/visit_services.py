"""Follow-up clinic: booking visits, recording what was found, due and overdue lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases.models import Procedure
from irsuite.domain.quality.clinical_success import (
    FollowUpFindings,
    ImagingResponse,
    Patency,
    SymptomRelief,
    clinical_success,
)
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.followup.models import FollowUpStatus, FollowUpTask
from irsuite.outcomes.followup.services import complete_follow_up_task
from irsuite.outcomes.followup.visit_models import FollowUpVisit, VisitMode, VisitStatus
from irsuite.outcomes.quality.facts import refresh_facts
from irsuite.patients.models import Patient
from irsuite.people.access import has_capability
from irsuite.people.models import Staff
from irsuite.people.roles import Capability

User = AbstractBaseUser | None


def _check(by: User) -> None:
    if not has_capability(by, Capability.RECORD_OUTCOME):
        raise NotAllowed("Your role cannot book or record follow-up visits.")


@transaction.atomic
def book_visit(
    *,
    patient: Patient,
    clinician: Staff,
    mode: str,
    booked_for: dt.date,
    by: User,
    procedure: Procedure | None = None,
    task: FollowUpTask | None = None,
) -> FollowUpVisit:
    """Book a clinic visit, in person or by telehealth."""
    _check(by)
    if mode not in VisitMode.values:
        raise ValidationFailed("Choose in person or telehealth.")
    if procedure is not None and booked_for < procedure.day:
        raise ValidationFailed("A follow-up visit cannot be before the procedure.")
    if procedure is not None and procedure.request.patient_id != patient.pk:
        raise ValidationFailed("The procedure belongs to another patient.")
    visit = FollowUpVisit.objects.create(
        patient=patient,
        procedure=procedure,
        task=task,
        clinician=clinician,
        mode=mode,
        booked_for=booked_for,
    )
    record(
        by,
        AuditAction.CREATE,
        visit,
        patient_id=patient.pk,
        after=snapshot(visit),
        summary="follow-up visit booked",
    )
    return visit


@dataclass(frozen=True)
class VisitFindings:
    """What the clinician records at the visit."""

    patency: str = Patency.NOT_ASSESSED.value
    symptom_relief: str = SymptomRelief.NOT_ASSESSED.value
    imaging_response: str = ImagingResponse.NOT_ASSESSED.value
    notes: str = ""

    def as_domain(self) -> FollowUpFindings:
        try:
            return FollowUpFindings(
                Patency(self.patency),
                SymptomRelief(self.symptom_relief),
                ImagingResponse(self.imaging_response),
            )
        except ValueError as error:
            raise ValidationFailed(f"Unknown follow-up finding: {error}.") from None


@transaction.atomic
def record_visit(visit: FollowUpVisit, findings: VisitFindings, *, by: User) -> FollowUpVisit:
    """Record an attended visit's findings; clinical success follows from them."""
    _check(by)
    visit = FollowUpVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.status == VisitStatus.CANCELLED:
        raise Conflict("The visit was cancelled; book a new one.")
    domain = findings.as_domain()
    before = snapshot(visit)
    visit.status = VisitStatus.ATTENDED
    visit.patency = domain.patency.value
    visit.symptom_relief = domain.symptom_relief.value
    visit.imaging_response = domain.imaging_response.value
    visit.clinical_success = clinical_success(domain).value
    visit.notes = findings.notes.strip()
    visit.recorded_at = timezone.now()
    visit.save()
    record(
        by,
        AuditAction.CHANGE,
        visit,
        patient_id=visit.patient_id,
        before=before,
        after=snapshot(visit),
        summary="follow-up visit recorded",
    )
    if visit.task is not None and visit.task.status == FollowUpStatus.OPEN and by is not None:
        complete_follow_up_task(
            visit.task, by=by, outcome_note=f"Seen in clinic: {visit.clinical_success}"
        )
    if visit.procedure_id is not None:
        refresh_facts([visit.procedure_id])
    return visit


@transaction.atomic
def mark_did_not_attend(visit: FollowUpVisit, *, by: User) -> FollowUpVisit:
    """The patient did not come; the task stays open."""
    _check(by)
    before = snapshot(visit)
    visit.status = VisitStatus.DID_NOT_ATTEND
    visit.save(update_fields=["status"])
    record(
        by,
        AuditAction.CHANGE,
        visit,
        patient_id=visit.patient_id,
        before=before,
        after=snapshot(visit),
        summary="did not attend",
    )
    return visit


def is_overdue(task: FollowUpTask, today: dt.date) -> bool:
    """Open and past its due date plus its tolerance window."""
    return (
        task.status == FollowUpStatus.OPEN
        and task.due_date + dt.timedelta(days=task.window_days) < today
    )


def due_tasks(
    clinician: Staff | None, today: dt.date, horizon_days: int = 14
) -> QuerySet[FollowUpTask]:
    """Open tasks due up to ``horizon_days`` ahead (overdue included), for one clinician or all."""
    tasks = FollowUpTask.objects.filter(
        status=FollowUpStatus.OPEN, due_date__lte=today + dt.timedelta(days=horizon_days)
    )
    if clinician is not None:
        tasks = tasks.filter(assigned_to=clinician)
    return tasks.select_related("patient", "procedure", "assigned_to").order_by("due_date", "pk")
