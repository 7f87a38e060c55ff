"""What the pages know about a background task beyond the queue's own row: its label, who
asked for it, and how far it got."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TaskProgress(models.Model):
    """One queued task's label, owner and progress (the queue is django-tasks-db's table)."""

    task_id = models.CharField(max_length=64, primary_key=True)
    label = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Every logged-in user may follow it (the demo filling in); else its owner and administrators.
    shared = models.BooleanField(default=False)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0
