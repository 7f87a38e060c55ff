"""Notices to a user about their own requests: a result is ready (the report was signed)."""

from __future__ import annotations

from django.db import models

from irsuite.cases.requests.models import Request
from irsuite.people.models import Staff


class NoticeKind(models.TextChoices):
    RESULT = "result", "Result ready"


class Notice(models.Model):
    """One notice to one person; read once they open it or mark it read."""

    recipient = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="notices")
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices, default=NoticeKind.RESULT)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for request {self.request_id}"
