"""Adverse events on a procedure, each graded on one or more published scales."""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format

from irsuite.cases.models import Procedure
from irsuite.domain.ae_scales import AeScale
from irsuite.people.models import Staff


class AeTiming(models.TextChoices):
    INTRA = "intra", "During the procedure"
    POST = "post", "After the procedure, before discharge"
    DELAYED = "delayed", "Delayed, after discharge"


class AeCategory(models.TextChoices):
    BLEEDING = "bleeding", "Bleeding or haematoma"
    INFECTION = "infection", "Infection or sepsis"
    BLOODSTREAM_INFECTION = "crbsi", "Catheter-related bloodstream infection"
    VASCULAR_INJURY = "vascular_injury", "Vessel injury (dissection, perforation, pseudoaneurysm)"
    THROMBOEMBOLIC = "thromboembolic", "Thrombosis or embolism"
    NON_TARGET_EMBOLISATION = "non_target", "Non-target embolisation"
    ORGAN_INJURY = "organ_injury", "Injury to an organ or structure"
    PNEUMOTHORAX = "pneumothorax", "Pneumothorax"
    CONTRAST_REACTION = "contrast_reaction", "Contrast reaction"
    KIDNEY_INJURY = "kidney_injury", "Acute kidney injury"
    SEDATION = "sedation", "Sedation or airway event"
    DEVICE = "device", "Device problem (malposition, migration, fracture)"
    PAIN = "pain", "Pain needing treatment"
    OTHER = "other", "Other"


SCALE_CHOICES = [
    (AeScale.SIR_2017.value, "SIR 2017 (1-5)"),
    (AeScale.SIR_LEGACY.value, "SIR legacy (A-F)"),
    (AeScale.CIRSE_2017.value, "CIRSE 2017 (1-6)"),
]


class AdverseEvent(models.Model):
    """One adverse event after a procedure. Gradings are kept as given, never converted."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="adverse_events"
    )
    timing = models.CharField(max_length=8, choices=AeTiming.choices)
    onset_date = models.DateField()
    category = models.CharField(max_length=20, choices=AeCategory.choices)
    indicator = models.CharField(
        max_length=60,
        blank=True,
        help_text="The catalogue quality indicator this event counts towards, if any.",
    )
    description = models.TextField()
    treatment = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    length_of_stay_hours = models.PositiveIntegerField(null=True, blank=True)
    sequelae = models.TextField(blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    major = models.BooleanField(default=False, help_text="Major on at least one of its scales.")
    recorded_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["onset_date", "id"]
        indexes = [
            models.Index(fields=["procedure", "indicator"], name="ae_procedure_indicator_idx"),
            models.Index(fields=["onset_date"], name="ae_onset_idx"),
            models.Index(fields=["category", "onset_date"], name="ae_category_onset_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} on {date_format(self.onset_date)}"


class AdverseEventGrading(models.Model):
    """One (scale, grade) pair of an adverse event."""

    event = models.ForeignKey(AdverseEvent, on_delete=models.CASCADE, related_name="gradings")
    scale = models.CharField(max_length=12, choices=SCALE_CHOICES)
    grade = models.CharField(max_length=2)

    class Meta:
        ordering = ["scale"]
        constraints = [
            models.UniqueConstraint(fields=["event", "scale"], name="ae_one_grade_per_scale")
        ]

    def __str__(self) -> str:
        return f"{self.scale} {self.grade}"


__all__ = [
    "AdverseEvent",
    "AdverseEventGrading",
    "AeCategory",
    "AeTiming",
    "SCALE_CHOICES",
]
