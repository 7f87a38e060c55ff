"""Follow-up tasks on a patient: from the catalogue's plan, dose alerts, or by hand."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.cases.models import Procedure
from irsuite.domain.catalogue import FollowUpKind
from irsuite.patients.models import Patient
from irsuite.people.models import Staff


class FollowUpSource(models.TextChoices):
    CATALOGUE = "catalogue", "Catalogue follow-up plan"
    ORDER = "order", "Post-procedure order"
    DOSE_ALERT = "dose_alert", "Radiation dose alert"
    MANUAL = "manual", "Added by hand"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class FollowUpTask(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="follow_ups")
    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in FollowUpKind])
    source = models.CharField(max_length=12, choices=FollowUpSource.choices)
    description = models.TextField()
    due_date = models.DateField(db_index=True)
    window_days = models.PositiveSmallIntegerField(default=7)
    assigned_to = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    status = models.CharField(
        max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="followup_status_due_idx"),
            models.Index(fields=["assigned_to", "status"], name="followup_assignee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_date}"
