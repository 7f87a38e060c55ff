"""A merge of two patient records: what moved, so that an administrator can undo it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PatientMerge(models.Model):
    """The hospital said two records are one person (HL7 ADT^A40); `moved` lists every row
    that changed hands, by table, so the merge can be reversed exactly."""

    survivor = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="merges_kept"
    )
    merged = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="merges_absorbed"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=20, blank=True)
    moved = models.JSONField(default=dict, help_text="{table label: [row ids]} moved over.")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        app_label = "patients"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"merge {self.pk}: {self.merged_id} → {self.survivor_id}"
