"""Sedation during the procedure and phase I recovery: drugs given, vital signs with the Ramsay
level, Aldrete scores and the discharge."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from irsuite.cases.models import Request
from irsuite.domain.recovery import SedationKind
from irsuite.domain.report_template import SEDATION_WORDS
from irsuite.people.models import Staff
from irsuite.safety.reference import sedation_drugs


class SedationRecord(models.Model):
    """Sedation during the procedure and phase I recovery afterwards, for one request."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="sedation")
    kind = models.CharField(
        max_length=10,
        choices=[(k.value, SEDATION_WORDS[k]) for k in SedationKind],
        default=SedationKind.MODERATE.value,
    )
    baseline_systolic = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(40), MaxValueValidator(300)]
    )
    started_at = models.DateTimeField(
        null=True, blank=True, help_text="When sedation began (charted back when entered late)."
    )
    discharged_at = models.DateTimeField(null=True, blank=True)
    discharged_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    discharge_instructions = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Sedation record {self.pk}"

    @property
    def episode_start(self) -> dt.datetime:
        """When the episode began: as charted, else when the record was opened."""
        return self.started_at or self.created_at


class DoseUnit(models.TextChoices):
    MG = "mg", "mg"
    MICROGRAM = "microgram", "micrograms"
    ML = "ml", "mL"
    UNIT = "unit", "units"


class Route(models.TextChoices):
    """Route of administration, HL7 v2.5.1 table 0162."""

    IV = "IV", "Intravenous"
    IM = "IM", "Intramuscular"
    SC = "SC", "Subcutaneous"
    PO = "PO", "Oral"


class SedationDrug(models.Model):
    record = models.ForeignKey(SedationRecord, on_delete=models.CASCADE, related_name="drugs")
    drug = models.CharField(max_length=60, help_text="The drug's key in sedation_drugs.toml.")
    dose = models.DecimalField(max_digits=7, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=10, choices=DoseUnit.choices)
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.IV)
    at = models.DateTimeField()
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    dose_warning = models.TextField(
        blank=True, help_text="The dose warning shown and acknowledged by the giver, if any."
    )
    entered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.drug} {self.dose} {self.unit}"

    @property
    def label(self) -> str:
        """The drug's name as the list shows it (the stored key for a drug no longer listed)."""
        found = sedation_drugs().drugs.get(self.drug)
        return found.label if found else self.drug


class CarePhase(models.TextChoices):
    SEDATION = "sedation", "During the procedure"
    RECOVERY = "recovery", "Recovery"


class VitalSigns(models.Model):
    record = models.ForeignKey(SedationRecord, on_delete=models.CASCADE, related_name="vitals")
    phase = models.CharField(max_length=10, choices=CarePhase.choices)
    at = models.DateTimeField()
    heart_rate = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(300)]
    )
    systolic = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(300)]
    )
    diastolic = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(200)]
    )
    respiratory_rate = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    spo2 = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    on_oxygen = models.BooleanField(default=False)
    ramsay = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Vital signs at {self.at:%H:%M}"


class AldreteAssessment(models.Model):
    record = models.ForeignKey(SedationRecord, on_delete=models.CASCADE, related_name="aldrete")
    at = models.DateTimeField()
    activity = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    respiration = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    circulation = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    consciousness = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    oxygen_saturation = models.PositiveSmallIntegerField(validators=[MaxValueValidator(2)])
    total = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Aldrete {self.total} at {self.at:%H:%M}"
