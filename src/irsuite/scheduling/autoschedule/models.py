"""Auto-scheduler proposals: a site's proposed week, kept until the scheduler acts on it.

A proposal keeps the state it was computed from (``basis``): each proposed request's version
and status, and each booking of the week with its version. Applying it compares each placement
with that state and moves nothing that changed since.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.formats import date_format

from irsuite.people.models import Site


class ProposalStatus(models.TextChoices):
    COMPUTING = "computing", "Being computed"
    OPEN = "open", "Open"
    PARTLY_APPLIED = "partial", "Applied in part: conflicts to resolve"
    APPLIED = "applied", "Applied"
    DISCARDED = "discarded", "Discarded"
    FAILED = "failed", "Failed"


# A proposal the scheduler may still book from.
ACTIONABLE = (ProposalStatus.OPEN, ProposalStatus.PARTLY_APPLIED)


class PlacementOutcome(models.TextChoices):
    """What applying did with one placement (kept in the placement's ``outcome``)."""

    BOOKED = "booked", "Booked"
    CONFLICT = "conflict", "Not booked: conflict to resolve"
    REFUSED = "refused", "Not booked"


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
    time_limit_s = models.FloatField(default=10.0)
    solver_status = models.CharField(max_length=10, blank=True)
    value = models.FloatField(default=0.0)
    bound = models.FloatField(default=0.0)
    wall_time_s = models.FloatField(default=0.0)
    computed_at = models.DateTimeField(null=True, blank=True)
    placements = models.JSONField(default=list)
    unscheduled = models.JSONField(default=list)
    basis = models.JSONField(
        default=dict,
        help_text="The requests' and the week's bookings' versions it was computed from.",
    )
    failure = models.TextField(blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.site.code} week of {date_format(self.week_start)}"
