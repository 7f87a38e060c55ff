"""Requests to swap on-call duties between two people."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.people.models import Staff
from irsuite.scheduling.roster.models import RosterAssignment


class SwapStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted, awaiting approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SwapRequest(models.Model):
    """``giver`` offers a duty to ``taker`` (optionally taking one of theirs back); the taker
    accepts, then a chief approves, and only then the roster changes."""

    assignment = models.ForeignKey(RosterAssignment, on_delete=models.CASCADE, related_name="+")
    back_assignment = models.ForeignKey(
        RosterAssignment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    giver = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="swaps_offered")
    taker = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="swaps_received")
    status = models.CharField(max_length=10, choices=SwapStatus.choices, default=SwapStatus.OFFERED)
    note = models.CharField(max_length=200, blank=True)
    problems = models.JSONField(default=list, blank=True, help_text="Rules the swap would break")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"swap {self.assignment} {self.giver} -> {self.taker} ({self.status})"
