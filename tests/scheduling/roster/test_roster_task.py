"""Solving a roster is a background task: the request only queues it, a worker solves it, and
a solve taken up again after a lost worker leaves one roster, not two."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from irsuite.scheduling.roster.models import RosterPeriod
from irsuite.scheduling.roster.services import is_running
from task_queue import DATABASE_TASKS, run_queued

pytestmark = pytest.mark.django_db(transaction=True)


def test_solving_from_the_page_only_queues_the_solve_and_a_worker_does_it(
    all_day_roster, client_as, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    period, _ = all_day_roster
    RosterPeriod.objects.filter(pk=period.pk).update(status="draft")
    period.assignments.all().delete()
    client = client_as("scheduler")
    client.post(reverse("scheduling:roster_solve", args=[period.pk]))
    period.refresh_from_db()
    assert is_running(period) and period.assignments.count() == 0
    assert "waiting for a worker" in period.result["progress"][0]
    assert DBTaskResult.objects.get().status == "READY"
    run_queued()
    period.refresh_from_db()
    assert not is_running(period)
    assert period.result["status"] in {"optimal", "feasible"}
    solved = period.assignments.count()
    assert solved > 0
    # A lost worker's solve taken up again: the roster is replaced, never doubled.
    DBTaskResult.objects.update(status="READY")
    run_queued()
    assert period.assignments.count() == solved
