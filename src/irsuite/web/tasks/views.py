"""Background-task pages: the failed tasks (administrators: error and a retry button) and a
task's progress partial, which the page that queued the task polls with HTMX."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, logged_in, require
from irsuite.people.roles import Capability as C
from irsuite.web.tasks.models import TaskProgress
from irsuite.web.tasks.services import retry_task

FAILED_SHOWN = 200
WAITING = {TaskResultStatus.READY, TaskResultStatus.RUNNING}


@require(C.ADMINISTER)
def failed_tasks(request: HttpRequest) -> HttpResponse:
    """The latest failed tasks with their error, each with a button to queue it again."""
    rows = list(DBTaskResult.objects.failed().order_by("-finished_at")[:FAILED_SHOWN])
    labels = dict(
        TaskProgress.objects.filter(task_id__in=[str(r.pk) for r in rows]).values_list(
            "task_id", "label"
        )
    )
    items = [
        {
            "row": row,
            "label": labels.get(str(row.pk), row.task_name),
            "error": row.exception_class_path.rsplit(".", 1)[-1],
            "message": (row.traceback.strip().splitlines() or [""])[-1],
        }
        for row in rows
    ]
    waiting = DBTaskResult.objects.filter(status__in=WAITING).count()
    return render(request, "web/tasks_failed.html", {"items": items, "waiting": waiting})


@require(C.ADMINISTER)
@require_POST
def retry(request: HttpRequest, task_uuid: UUID) -> HttpResponse:
    """Queue a failed task again."""
    try:
        retry_task(str(task_uuid), request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The task is queued again; a worker will take it up.")
    return redirect("web:tasks_failed")


def _visible(request: HttpRequest, task_id: str) -> TaskProgress:
    progress = TaskProgress.objects.filter(task_id=task_id).first()
    if progress is None:
        raise Http404("No such task.")
    mine = progress.owner_id is not None and progress.owner_id == request.user.pk
    if not (progress.shared or mine or has_capability(request.user, C.ADMINISTER)):
        raise Http404("No such task.")
    return progress


@logged_in
def progress(request: HttpRequest, task_uuid: UUID) -> HttpResponse:
    """How far a task got (the one who queued it, or an administrator; others: 404)."""
    task_id = str(task_uuid)
    tracked = _visible(request, task_id)
    row = DBTaskResult.objects.filter(pk=task_id).first()
    status = TaskResultStatus(row.status) if row is not None else None
    download = ""
    if row is not None and status == TaskResultStatus.SUCCESSFUL:
        value = row.return_value
        download = value.get("download", "") if isinstance(value, dict) else ""
    context = {
        "progress": tracked,
        "status": status,
        "waiting": status in WAITING,
        "download": download,
        "statuses": TaskResultStatus,
    }
    return render(request, "web/task_progress.html", context)
