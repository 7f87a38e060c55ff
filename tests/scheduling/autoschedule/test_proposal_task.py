"""Auto-scheduling is a background task: the page queues the proposal and follows it while a
worker computes it; the browser never waits for the solver."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from irsuite.scheduling.autoschedule.models import ProposalStatus, ScheduleProposal
from task_queue import DATABASE_TASKS, run_queued

pytestmark = pytest.mark.django_db(transaction=True)


def test_asking_for_a_proposal_queues_it_and_its_page_polls_until_a_worker_computes_it(
    client_as, make_vetted, room, open_weekdays, site, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    make_vetted(priority="urgent")
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday())
    client = client_as("scheduler")
    response = client.post(
        reverse("scheduling:auto", args=[site.code]),
        {"week_start": monday.isoformat(), "time_limit_s": 3},
    )
    assert response.status_code == 302
    proposal = ScheduleProposal.objects.get()
    assert proposal.status == ProposalStatus.COMPUTING
    assert DBTaskResult.objects.get().status == "READY"
    waiting = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in waiting
    run_queued()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    done = client.get(response["Location"]).content.decode()
    assert "1 case placed, 0 left out" in done and "every 2s" not in done
