"""Large dose exports as a background task: the workbook is written by `irsuite worker` to a
file its requester downloads, while the page shows how far it got."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django_tasks import TaskContext, task

from irsuite.background import report_progress, task_id
from irsuite.dose.export.queries import export_rows

PROGRESS_EVERY = 1000  # rows between two progress reports


def export_path(ident: str) -> Path:
    """Where the workbook of export task `ident` is kept."""
    return Path(settings.MEDIA_ROOT) / "exports" / f"dose-{ident}.xlsx"


def _counted(context: TaskContext, rows: Iterator[list[Any]], total: int) -> Iterator[list[Any]]:
    for n, row in enumerate(rows, start=1):
        if n % PROGRESS_EVERY == 0:
            report_progress(context, n, total, f"{n} of {total} studies written")
        yield row


@task(takes_context=True)
def export_dose_xlsx(
    context: TaskContext, user_id: int, date_from: str, date_to: str, total: int
) -> dict[str, str]:
    """Write the period's studies to a workbook (again from the start if run again)."""
    from irsuite.dose.export.views import write_xlsx

    ident = task_id(context)
    target = export_path(ident)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    rows = export_rows(dt.date.fromisoformat(date_from), dt.date.fromisoformat(date_to))
    write_xlsx(str(partial), _counted(context, rows, total))
    os.replace(partial, target)  # whole or absent: a killed worker leaves no half workbook
    report_progress(context, total, total, "workbook ready")
    return {"download": reverse("dose:export_file", args=[ident])}
