"""Background work: what every task shares (retries with back-off, progress, lost workers).

Tasks are Django's tasks API (the `django-tasks` backport, the same API as Django 6) on the
database backend of `django-tasks-db`; `irsuite worker` runs them. A task is enqueued inside the
transaction of the use case that asks for it, so it exists exactly when that use case committed.
Every task here may run more than once (a retry, a worker lost mid-task and its task re-run), so
each is written to be safe to repeat: one transaction for what it changes, or steps that skip
what an earlier run already did.

Like `irsuite.panels`, this module sits outside the layers: areas report progress through it and
the web layer, which owns the progress table and its pages, registers the writer.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_tasks import TaskContext, TaskResult
from django_tasks.base import Task

log = logging.getLogger(__name__)

# Seconds to wait before each further attempt of a task whose peer failed (mail server, ...).
DEFAULT_BACKOFF = (60, 300, 1800, 7200)
# A task whose worker was lost this many times is marked failed instead of run again.
MAX_LOST_RUNS = 3


class WorkerLost(RuntimeError):
    """The worker that ran a task stopped (killed, crashed, power lost) before it finished."""


@dataclass(frozen=True)
class Progress:
    task_id: str
    done: int
    total: int
    message: str


ProgressWriter = Callable[[Progress], None]
Tracker = Callable[[str, str, Any, bool], None]
_writers: list[ProgressWriter] = []
_trackers: list[Tracker] = []


def set_progress_writer(writer: ProgressWriter) -> None:
    """Register where progress goes (the web layer's progress table)."""
    _writers[:] = [writer]


def set_tracker(tracker: Tracker) -> None:
    """Register what records a newly enqueued task's label and owner (the web layer)."""
    _trackers[:] = [tracker]


def task_id(context: TaskContext | None) -> str:
    return "" if context is None else str(context.task_result.id)


def report_progress(context: TaskContext | None, done: int, total: int, message: str = "") -> None:
    """Tell the task's page how far it got (no-op when run outside a worker)."""
    if context is None:
        return
    for writer in _writers:
        writer(Progress(task_id(context), done, total, message))


def enqueue(
    task: Task[Any, Any],
    *args: Any,
    label: str,
    by: Any = None,
    shared: bool = False,
    **kwargs: Any,
) -> str:
    """Enqueue `task` in the current transaction and record its label and owner for its page
    (`shared`: every logged-in user may follow it); the task's id is returned (empty when the
    backend ran it at once and keeps no result)."""
    result: TaskResult[Any] = task.enqueue(*args, **kwargs)
    ident = str(result.id) if task.get_backend().supports_get_result else ""
    if ident:
        for tracker in _trackers:
            tracker(ident, label, by, shared)
    return ident


def retry_later(
    context: TaskContext,
    task: Task[Any, Any],
    *args: Any,
    error: BaseException,
    delays: Sequence[int] = DEFAULT_BACKOFF,
    **kwargs: Any,
) -> None:
    """Enqueue `task` again after the next back-off delay, or re-raise `error` when every
    attempt is spent (the task is then marked failed and listed for an administrator).

    The attempt number travels in the keyword `attempt`.
    """
    attempt = int(kwargs.pop("attempt", 1))
    if attempt > len(delays):
        raise error
    delay = dt.timedelta(seconds=delays[attempt - 1])
    again = task
    if task.get_backend().supports_defer:
        again = task.using(run_after=timezone.now() + delay)
    log.warning(
        "task %s attempt %d failed (%s); trying again in %s",
        task.name,
        attempt,
        type(error).__name__,
        delay,
    )
    again.enqueue(*args, attempt=attempt + 1, **kwargs)


def worker_id() -> str:
    """`host:pid:suffix`: where a worker runs, so a restarted one can tell whether it is gone."""
    host = socket.gethostname()[:40]
    return f"{host}:{os.getpid()}:{os.urandom(3).hex()}"


def _alive_here(ident: str) -> bool:
    host, _, rest = ident.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname()[:40] or not pid_text.isdigit():
        return True  # another machine's worker: only that machine can tell
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_lost_tasks() -> list[str]:
    """Tasks left RUNNING by a worker of this machine that no longer exists: run them again
    (every task is safe to repeat), or mark them failed after `MAX_LOST_RUNS` losses."""
    from django.db import transaction
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    recovered = []
    with transaction.atomic():
        for row in DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING):
            if not row.worker_ids or _alive_here(str(row.worker_ids[-1])):
                continue
            if len(row.worker_ids) >= MAX_LOST_RUNS:
                row.set_failed(
                    WorkerLost(
                        f"The worker running this task stopped {len(row.worker_ids)} times "
                        "before it finished; nothing it had not committed was kept. Look at "
                        "the worker's log, then retry it."
                    )
                )
            else:
                row.status = TaskResultStatus.READY
                row.save(update_fields=["status"])
            recovered.append(str(row.id))
    return recovered
