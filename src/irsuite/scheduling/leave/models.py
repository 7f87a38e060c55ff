"""Days a person cannot (or would rather not) take call."""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format

from irsuite.people.models import Staff


class LeaveKind(models.TextChoices):
    LEAVE = "leave", "Leave (cannot work)"
    PREFERS_OFF = "prefers_off", "Would rather be off"


class LeaveRequest(models.Model):
    """Days a person cannot (or would rather not) take call."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="roster_leave")
    kind = models.CharField(max_length=12, choices=LeaveKind.choices, default=LeaveKind.LEAVE)
    start = models.DateField()
    end = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.staff} {self.kind} {date_format(self.start)} to {date_format(self.end)}"
