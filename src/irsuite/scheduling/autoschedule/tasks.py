"""Auto-scheduling as a background task: the scheduler's page asks for a proposal and follows
it while `irsuite worker` computes it."""

from __future__ import annotations

from django_tasks import task

from irsuite.scheduling.autoschedule.services import compute_proposal


@task()
def compute_schedule_proposal(proposal_id: int, actor_id: int | None) -> int:
    """Compute a requested proposal (safe to run again: a computed one is left as it is)."""
    return compute_proposal(proposal_id, actor_id).pk
