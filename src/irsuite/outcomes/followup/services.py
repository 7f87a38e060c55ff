"""Follow-up: creating and closing tasks (from the catalogue plan, dose alerts and clinics),
booking clinic visits and recording what was found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import create_audited, record, snapshot
from irsuite.cases.hooks import FollowUpOrder
from irsuite.cases.models import Procedure
from irsuite.domain.catalogue import FollowUpKind
from irsuite.domain.quality.clinical_success import (
    FollowUpFindings,
    ImagingResponse,
    Patency,
    SymptomRelief,
    clinical_success,
)
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.followup.models import (
    FollowUpSource,
    FollowUpStatus,
    FollowUpTask,
    FollowUpVisit,
    VisitMode,
    VisitStatus,
)
from irsuite.outcomes.quality.facts import refresh_facts
from irsuite.patients.models import Patient
from irsuite.people.access import has_capability
from irsuite.people.models import Staff
from irsuite.people.roles import Capability

User = AbstractBaseUser | None


@transaction.atomic
def create_follow_up_task(
    *,
    patient: Patient,
    kind: FollowUpKind,
    source: FollowUpSource,
    description: str,
    due_date: dt.date,
    by: AbstractBaseUser | None,
    procedure: Procedure | None = None,
    window_days: int = 7,
    assigned_to: Staff | None = None,
    channel: str = "web",
) -> FollowUpTask:
    """Add a follow-up task to a patient's record (audited)."""
    return create_audited(
        FollowUpTask,
        actor=by,
        patient_id=patient.pk,
        summary=f"follow-up {kind.value} due {due_date}",
        channel=channel,
        patient=patient,
        procedure=procedure,
        kind=kind.value,
        source=source,
        description=description,
        due_date=due_date,
        window_days=window_days,
        assigned_to=assigned_to,
    )


def schedule_from_order(order: FollowUpOrder) -> int:
    """The follow-up scheduler other areas reach through `cases.hooks.schedule_follow_up`."""
    task = create_follow_up_task(
        patient=order.patient,
        procedure=order.procedure,
        kind=order.kind,
        source=FollowUpSource(order.source),
        description=order.description,
        due_date=order.due_date,
        window_days=order.window_days,
        by=order.by,
        channel=order.channel,
    )
    return task.pk


@transaction.atomic
def complete_follow_up_task(
    task: FollowUpTask, *, by: AbstractBaseUser, outcome_note: str = ""
) -> FollowUpTask:
    """Mark a task done with what was found (audited)."""
    before = snapshot(task)
    task.status = FollowUpStatus.DONE
    task.completed_at = timezone.now()
    task.completed_by = by  # type: ignore[assignment]
    task.outcome_note = outcome_note
    task.save()
    record(
        by,
        AuditAction.CHANGE,
        task,
        patient_id=task.patient_id,
        before=before,
        after=snapshot(task),
        summary="follow-up completed",
    )
    return task


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
    return create_audited(
        FollowUpVisit,
        actor=by,
        patient_id=patient.pk,
        summary="follow-up visit booked",
        patient=patient,
        procedure=procedure,
        task=task,
        clinician=clinician,
        mode=mode,
        booked_for=booked_for,
    )


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
