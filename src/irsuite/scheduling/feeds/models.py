"""The secrets behind calendar-feed addresses (a row once a feed's address was re-issued)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FeedKind(models.TextChoices):
    ROOM = "room", "Room bookings"
    OPERATOR = "operator", "Operator bookings"
    ROSTER = "roster", "On-call duties"


class FeedKey(models.Model):
    """The current secret of one calendar feed (absent until the feed is first re-issued)."""

    kind = models.CharField(max_length=16, choices=FeedKind.choices)
    object_id = models.PositiveBigIntegerField()
    secret = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        app_label = "scheduling"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="feed_key_once")]

    def __str__(self) -> str:
        return f"{self.kind} feed {self.object_id}"
