"""Background-task use cases of the web layer: track a task, write its progress, retry it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.background import Progress
from irsuite.errors import Conflict, NotFound
from irsuite.people.access import UserLike
from irsuite.web.tasks.models import TaskProgress

MESSAGE_LENGTH = 300


def track(task_id: str, label: str, by: Any, shared: bool) -> None:
    """Remember a queued task's label and owner (registered with `irsuite.background`)."""
    TaskProgress.objects.update_or_create(
        task_id=task_id,
        defaults={
            "label": label[:200],
            "owner": by if isinstance(by, User) else None,
            "shared": shared,
        },
    )


def write_progress(progress: Progress) -> None:
    """Store how far a task got, outside any transaction of the task (the page sees it now)."""
    TaskProgress.objects.update_or_create(
        task_id=progress.task_id,
        defaults={
            "done": max(0, progress.done),
            "total": max(0, progress.total),
            "message": progress.message[:MESSAGE_LENGTH],
        },
        create_defaults={"label": progress.message[:200] or "Background task"},
    )


@transaction.atomic
def retry_task(task_id: str, by: UserLike) -> DBTaskResult[Any, Any]:
    """Queue a failed task again, as it was first enqueued (audited)."""
    row = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
    if row is None:
        raise NotFound("No such task; it may have been pruned. Reload the page.")
    if row.status != TaskResultStatus.FAILED:
        raise Conflict("This task has not failed (it is queued, running or done); reload the page.")
    error = row.exception_class_path
    row.status = TaskResultStatus.READY
    row.run_after = None  # type: ignore[assignment]  # the queue reads None as "now"
    row.finished_at = None
    row.exception_class_path = row.traceback = ""
    row.save()
    record(
        by,
        AuditAction.CHANGE,
        object_type="task",
        object_id=str(row.pk),
        before={"status": "FAILED", "error": error},
        after={"status": "READY"},
        summary=f"failed task {row.task_name} queued again",
    )
    return row
