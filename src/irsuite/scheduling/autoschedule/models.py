"""Auto-scheduler proposals: a site's proposed week, kept until the scheduler acts on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.people.models import Site


class ProposalStatus(models.TextChoices):
    OPEN = "open", "Open"
    APPLIED = "applied", "Applied"
    DISCARDED = "discarded", "Discarded"


class ScheduleProposal(models.Model):
    """An auto-scheduler's proposed week for a site, kept until the scheduler acts on it."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="schedule_proposals")
    week_start = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    solver_status = models.CharField(max_length=10)
    value = models.FloatField()
    bound = models.FloatField()
    wall_time_s = models.FloatField()
    placements = models.JSONField(default=list)
    unscheduled = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.site.code} week of {self.week_start}"
