"""Outcomes: follow-up tasks and visits, adverse events, M&M, quality, case logs."""

from irsuite.outcomes.followup_models import FollowUpSource, FollowUpStatus, FollowUpTask

__all__ = ["FollowUpSource", "FollowUpStatus", "FollowUpTask"]
