"""Local diagnostic reference levels the physicist set and published: the 75th percentile of
the department's own studies of one procedure type over a period (ICRP Publication 135)."""

from __future__ import annotations

from django.db import models

from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.people.models import Staff


class LocalDrl(models.Model):
    """One published local DRL; publishing a new one for the same procedure and quantity
    supersedes it (it stays, with the day it was superseded)."""

    entry_code = models.CharField(max_length=32)
    entry_name = models.CharField(max_length=200)
    quantity = models.CharField(max_length=16, choices=[(q.value, q.value) for q in DoseQuantity])
    value = models.FloatField(help_text="The 75th percentile, in the quantity's unit.")
    median = models.FloatField()
    count = models.PositiveIntegerField(help_text="Studies it was computed from.")
    period_from = models.DateField()
    period_to = models.DateField()
    published_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entry_name", "quantity", "-published_at"]
        indexes = [models.Index(fields=["entry_code", "quantity"], name="local_drl_entry_idx")]

    def __str__(self) -> str:
        return f"Local DRL {self.entry_code} {self.quantity}"
