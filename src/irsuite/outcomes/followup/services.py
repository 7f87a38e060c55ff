"""Creating and closing follow-up tasks (used by the catalogue plan, dose alerts and clinics)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases.hooks import FollowUpOrder
from irsuite.cases.models import Procedure
from irsuite.domain.catalogue import FollowUpKind
from irsuite.outcomes.followup.models import FollowUpSource, FollowUpStatus, FollowUpTask
from irsuite.patients.models import Patient
from irsuite.people.models import Staff


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
    task = FollowUpTask.objects.create(
        patient=patient,
        procedure=procedure,
        kind=kind.value,
        source=source,
        description=description,
        due_date=due_date,
        window_days=window_days,
        assigned_to=assigned_to,
    )
    record(
        by,
        AuditAction.CREATE,
        task,
        patient_id=patient.pk,
        after=snapshot(task),
        summary=f"follow-up {kind.value} due {due_date}",
        channel=channel,
    )
    return task


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
