"""Follow-up tasks on a patient (from the catalogue's plan, dose alerts, or by hand) and the clinic
visits that answer them, with the outcomes recorded at each visit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from irsuite.cases.models import Procedure
from irsuite.domain.catalogue import FOLLOW_UP_LABELS, FollowUpKind
from irsuite.domain.quality.clinical_success import (
    ClinicalSuccess,
    ImagingResponse,
    Patency,
    SymptomRelief,
)
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
    kind = models.CharField(
        max_length=20, choices=[(k.value, FOLLOW_UP_LABELS[k]) for k in FollowUpKind]
    )
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
        return f"{self.get_kind_display()} due {date_format(self.due_date)}"

    @property
    def is_overdue(self) -> bool:
        """Open and past its due date and tolerance window, today (see queries.is_overdue)."""
        from irsuite.outcomes.followup.queries import is_overdue

        return is_overdue(self, timezone.localdate())


def finding_choices(
    enum_type: type[Patency | SymptomRelief | ImagingResponse | ClinicalSuccess],
) -> list[tuple[str, str]]:
    """Choices for a follow-up finding: each value with a readable label."""
    return [(m.value, m.value.replace("_", " ").capitalize()) for m in enum_type]


class VisitMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    TELEHEALTH = "telehealth", "Telehealth"


class VisitStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "dna", "Did not attend"
    CANCELLED = "cancelled", "Cancelled"


class FollowUpVisit(models.Model):
    """A clinic visit (in person or telehealth) after a procedure."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="clinic_visits")
    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.PROTECT, related_name="clinic_visits"
    )
    task = models.ForeignKey(
        FollowUpTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    clinician = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="clinic_visits")
    mode = models.CharField(max_length=10, choices=VisitMode.choices)
    booked_for = models.DateField(db_index=True)
    status = models.CharField(
        max_length=10, choices=VisitStatus.choices, default=VisitStatus.BOOKED
    )
    patency = models.CharField(
        max_length=14, choices=finding_choices(Patency), default="not_assessed"
    )
    symptom_relief = models.CharField(
        max_length=14, choices=finding_choices(SymptomRelief), default="not_assessed"
    )
    imaging_response = models.CharField(
        max_length=20, choices=finding_choices(ImagingResponse), default="not_assessed"
    )
    clinical_success = models.CharField(
        max_length=8, choices=finding_choices(ClinicalSuccess), default="unknown"
    )
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booked_for", "id"]
        indexes = [
            models.Index(fields=["clinician", "booked_for"], name="visit_clinician_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} visit on {date_format(self.booked_for)}"
