"""The demo's dose reports as a background task: `irsuite demo` serves its first page while a
worker writes the reports behind it, its progress on the home page."""

from __future__ import annotations

import datetime as dt

from django_tasks import TaskContext, task

from irsuite.background import report_progress
from irsuite.demo.context import DemoContext
from irsuite.demo.dose import area

LABEL = "Demo dose reports"


@task(takes_context=True)
def fill_dose(context: TaskContext, seed: int, procedures: int, now: str) -> int:
    """Write and import the demo's dose reports (safe to run again: it resumes)."""
    ctx = DemoContext(
        seed=seed, procedures=procedures, now=dt.datetime.fromisoformat(now), show_progress=False
    )

    def stored(done: int, total: int) -> None:
        report_progress(context, done, total, f"{done} of {total} dose reports stored")

    area.build(ctx, stored)
    return procedures
