"""Follow-up clinic visits and the outcomes recorded at them."""

from __future__ import annotations

from django.db import models

from irsuite.cases.models import Procedure
from irsuite.domain.quality.clinical_success import (
    ClinicalSuccess,
    ImagingResponse,
    Patency,
    SymptomRelief,
)
from irsuite.outcomes.followup.models import FollowUpTask
from irsuite.patients.models import Patient
from irsuite.people.models import Staff


def _choices(
    enum_type: type[Patency | SymptomRelief | ImagingResponse | ClinicalSuccess],
) -> list[tuple[str, str]]:
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
    patency = models.CharField(max_length=14, choices=_choices(Patency), default="not_assessed")
    symptom_relief = models.CharField(
        max_length=14, choices=_choices(SymptomRelief), default="not_assessed"
    )
    imaging_response = models.CharField(
        max_length=20, choices=_choices(ImagingResponse), default="not_assessed"
    )
    clinical_success = models.CharField(
        max_length=8, choices=_choices(ClinicalSuccess), default="unknown"
    )
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booked_for", "id"]
        indexes = [
            models.Index(fields=["clinician", "booked_for"], name="visit_clinician_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} visit on {self.booked_for}"
