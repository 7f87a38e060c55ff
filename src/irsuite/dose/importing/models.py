"""Files that could not be imported, kept whole with the reason (the quarantine)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class QuarantineStatus(models.TextChoices):
    OPEN = "open", "Waiting"
    REPROCESSED = "reprocessed", "Re-processed"
    DISCARDED = "discarded", "Discarded"


class QuarantinedFile(models.Model):
    """A file that could not be imported, kept whole with the reason, for an admin to act on."""

    filename = models.CharField(max_length=255, blank=True)
    source = models.CharField(max_length=32, help_text="cli, listener or upload")
    ae_title = models.CharField(max_length=16, blank=True)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=40)
    reason = models.TextField()
    status = models.CharField(
        max_length=12, choices=QuarantineStatus.choices, default=QuarantineStatus.OPEN
    )
    received_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.filename or self.sha256[:12]}: {self.kind}"
