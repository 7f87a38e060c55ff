"""Read side of follow-up: which tasks are due, which are overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from irsuite.outcomes.followup.models import FollowUpStatus, FollowUpTask
from irsuite.people.models import Staff


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
