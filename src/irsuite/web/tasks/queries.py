"""Read-side queries about background tasks shared by pages."""

from __future__ import annotations

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from irsuite.web.tasks.models import TaskProgress


def filling_in() -> list[TaskProgress]:
    """Shared tasks still queued or running (the demo's data filling in behind the pages)."""
    waiting = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values_list("id", flat=True)
    ids = [str(i) for i in waiting[:50]]
    return list(TaskProgress.objects.filter(shared=True, task_id__in=ids))
