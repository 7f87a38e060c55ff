"""Roster tasks: solving a period in `irsuite worker`, never in a web process."""

from __future__ import annotations

from django.contrib.auth.models import User
from django_tasks import task

from irsuite.scheduling.roster.services import solve_with_progress


@task()
def solve_roster(period_id: int, user_id: int | None, time_limit: float) -> None:
    """Solve a roster period, its progress written to the period for its page."""
    by = User.objects.filter(pk=user_id).first() if user_id is not None else None
    solve_with_progress(period_id, by, time_limit)
