"""Requests (orders) for a procedure and their status workflow."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.patients.models import Patient
from irsuite.people.models import Room, Site, Staff


class Priority(models.TextChoices):
    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent"
    EMERGENT = "emergent", "Emergent"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    VETTED = "vetted", "Vetted"
    SCHEDULED = "scheduled", "Scheduled"
    READY = "ready", "Ready"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"


S = RequestStatus
# The workflow: requested → vetted → scheduled → ready → in progress → completed,
# or rejected / cancelled on the way. "ready" is where pre-procedure safety gates apply.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.VETTED, S.REJECTED, S.CANCELLED}),
    S.VETTED: frozenset({S.SCHEDULED, S.REQUESTED, S.CANCELLED}),
    S.SCHEDULED: frozenset({S.READY, S.VETTED, S.CANCELLED}),
    S.READY: frozenset({S.IN_PROGRESS, S.SCHEDULED, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.CANCELLED}),
    S.COMPLETED: frozenset(),
    S.REJECTED: frozenset(),
    S.CANCELLED: frozenset(),
}
ACTIVE_STATUSES = frozenset({S.REQUESTED, S.VETTED, S.SCHEDULED, S.READY, S.IN_PROGRESS})


class Request(models.Model):
    """An order from a referring team for one catalogue procedure."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="requests")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="requests")
    referrer = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="referrals", null=True, blank=True
    )
    referring_service = models.CharField(max_length=100, blank=True)
    catalogue_entry = models.ForeignKey(
        CatalogueEntry, on_delete=models.PROTECT, related_name="requests"
    )
    indication = models.TextField()
    icd10_codes = models.JSONField(default=list, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.ROUTINE)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    accession_number = models.CharField(max_length=16, unique=True)
    requested_at = models.DateTimeField()
    due_date = models.DateField(null=True, blank=True)
    vetting_note = models.TextField(blank=True)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    scheduled_start = models.DateTimeField(null=True, blank=True)
    scheduled_end = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # Orders from the hospital (HL7 v2 ORC-2): the placer's order number, and the ordered
    # code when no mapping rule matched it (the request then waits in vetting, flagged).
    placer_order_number = models.CharField(max_length=64, blank=True, db_index=True)
    unmapped_code = models.CharField(
        max_length=200, blank=True, help_text="Code not mapped: the procedure code ordered."
    )
    unmapped_text = models.CharField(
        max_length=200, blank=True, help_text="The text the order gave with that code."
    )

    class Meta:
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["scheduled_start"], name="request_sched_idx"),
            models.Index(fields=["room", "scheduled_start"], name="request_room_sched_idx"),
            models.Index(fields=["status", "requested_at"], name="request_status_idx"),
            models.Index(fields=["referrer", "requested_at"], name="request_referrer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.accession_number} {self.catalogue_entry.code}"

    def can_move_to(self, status: str) -> bool:
        return status in ALLOWED_TRANSITIONS.get(self.status, frozenset())


class RequestTransition(models.Model):
    """One status change of a request: who, when and why."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=RequestStatus.choices)
    to_status = models.CharField(max_length=12, choices=RequestStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
