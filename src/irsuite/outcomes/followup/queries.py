"""Read side of follow-up: which tasks are due, which are overdue, the worklist's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q, QuerySet

from irsuite.outcomes.followup.models import (
    FollowUpStatus,
    FollowUpTask,
    FollowUpVisit,
    VisitStatus,
)
from irsuite.people.models import Staff

HORIZON_DAYS = 14  # the worklist looks this far ahead unless a date range is given
VISITS_LOOK_BACK_DAYS = 7  # booked visits stay listed this long after their day, to record them


def is_overdue(task: FollowUpTask, today: dt.date) -> bool:
    """Open and past its due date plus its tolerance window."""
    return (
        task.status == FollowUpStatus.OPEN
        and task.due_date + dt.timedelta(days=task.window_days) < today
    )


def due_tasks(
    clinician: Staff | None, today: dt.date, horizon_days: int = HORIZON_DAYS
) -> QuerySet[FollowUpTask]:
    """Open tasks due up to ``horizon_days`` ahead (overdue included), for one clinician or all."""
    tasks = FollowUpTask.objects.filter(
        status=FollowUpStatus.OPEN, due_date__lte=today + dt.timedelta(days=horizon_days)
    )
    if clinician is not None:
        tasks = tasks.filter(assigned_to=clinician)
    return tasks.select_related("patient", "procedure", "assigned_to").order_by("due_date", "pk")


class TaskState(models.TextChoices):
    """Which tasks the worklist shows."""

    OPEN = "open", "Due or overdue"
    DUE = "due", "Due, within its window"
    OVERDUE = "overdue", "Overdue"
    DONE = "done", "Done"


@dataclass(frozen=True)
class TaskFilters:
    """The worklist's filters; a missing clinician means everyone's tasks."""

    state: TaskState = TaskState.OPEN
    clinician: Staff | None = None
    entry: int | None = None  # a catalogue entry: the procedure the task follows
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def overdue(today: dt.date) -> Q:
    """Open tasks past their due date plus their own window, as a condition the database
    evaluates: one term per window length in use (a handful), so it reads the same on SQLite
    and PostgreSQL without date arithmetic on a column."""
    windows = (
        FollowUpTask.objects.filter(status=FollowUpStatus.OPEN)
        .values_list("window_days", flat=True)
        .distinct()
        .order_by()
    )
    late = [Q(window_days=w, due_date__lt=today - dt.timedelta(days=w)) for w in windows]
    return Q(status=FollowUpStatus.OPEN) & reduce(or_, late, Q(pk__in=[]))


def tasks(filters: TaskFilters, today: dt.date) -> QuerySet[FollowUpTask]:
    """The tasks the worklist's filters select, soonest due first (done: latest first)."""
    found = FollowUpTask.objects.all()
    if filters.state == TaskState.DONE:
        found = found.filter(status=FollowUpStatus.DONE)
    elif filters.state == TaskState.OVERDUE:
        found = found.filter(overdue(today))
    else:
        found = found.filter(status=FollowUpStatus.OPEN)
        if filters.state == TaskState.DUE:
            found = found.exclude(overdue(today))
        if filters.date_from is None and filters.date_to is None:
            found = found.filter(due_date__lte=today + dt.timedelta(days=HORIZON_DAYS))
    if filters.date_from is not None:
        found = found.filter(due_date__gte=filters.date_from)
    if filters.date_to is not None:
        found = found.filter(due_date__lte=filters.date_to)
    if filters.clinician is not None:
        found = found.filter(assigned_to=filters.clinician)
    if filters.entry is not None:
        found = found.filter(procedure__entries=filters.entry)
    order = ("-due_date", "-pk") if filters.state == TaskState.DONE else ("due_date", "pk")
    return found.select_related("patient", "procedure", "assigned_to").order_by(*order)


def booked_visits(clinician: Staff | None, today: dt.date) -> QuerySet[FollowUpVisit]:
    """Visits booked from a week ago on, for one clinician or all, soonest first."""
    visits = FollowUpVisit.objects.filter(
        status=VisitStatus.BOOKED,
        booked_for__gte=today - dt.timedelta(days=VISITS_LOOK_BACK_DAYS),
    )
    if clinician is not None:
        visits = visits.filter(clinician=clinician)
    return visits.select_related("patient", "clinician", "procedure").order_by("booked_for", "pk")
