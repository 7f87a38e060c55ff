"""The safety checklist of a request: its answers (each with who and when), the site marking
and the completed phases."""

from __future__ import annotations

from django.db import models

from irsuite.cases.models import Request
from irsuite.domain.checklist import Phase
from irsuite.people.models import Staff


class ChecklistRecord(models.Model):
    """The safety checklist of one request on the day of the procedure."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="checklist")
    definition_version = models.CharField(max_length=20)
    site_marked_at = models.DateTimeField(null=True, blank=True)
    site_marked_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    site_marking_note = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Checklist {self.pk}"


class ChecklistAnswer(models.Model):
    """One answer; a later answer to the same item replaces it (both are kept)."""

    checklist = models.ForeignKey(ChecklistRecord, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(max_length=60)
    value = models.TextField()
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["checklist", "item_id"], name="checklist_answer_item_idx")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class ChecklistPhaseCompletion(models.Model):
    checklist = models.ForeignKey(
        ChecklistRecord, on_delete=models.CASCADE, related_name="completions"
    )
    phase = models.CharField(max_length=10, choices=[(p.value, p.value) for p in Phase])
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checklist", "phase"], name="checklist_phase_once")
        ]

    def __str__(self) -> str:
        return f"{self.phase} completed"
