"""Dose alerts: a study or a patient's cumulative dose over a substantial radiation dose level."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.cases.procedures.units import QUANTITIES, amount, dose_text
from irsuite.dose.studies.models import DoseStudy
from irsuite.patients.models import Patient


class AlertKind(models.TextChoices):
    STUDY_SRDL = "study_srdl", "Study over a substantial radiation dose level"
    CUMULATIVE_SRDL = "cumulative_srdl", "Cumulative Ka,r over the SRDL within the window"


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    FOLLOW_UP_DONE = "follow_up_done", "Follow-up done"


class DoseAlert(models.Model):
    """A dose over a substantial radiation dose level: open → acknowledged → follow-up done."""

    study = models.ForeignKey(DoseStudy, on_delete=models.CASCADE, related_name="alerts")
    patient = models.ForeignKey(
        Patient, null=True, blank=True, on_delete=models.PROTECT, related_name="dose_alerts"
    )
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    quantity = models.CharField(max_length=20)
    measured = models.FloatField()
    threshold = models.FloatField()
    source = models.CharField(max_length=300)
    verified = models.BooleanField()
    status = models.CharField(max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    raised_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    follow_up_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    follow_up_task = models.ForeignKey(
        "outcomes.FollowUpTask", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "kind", "quantity"], name="dose_alert_once_per_study"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quantity_label}"

    @property
    def quantity_label(self) -> str:
        """The quantity's name as people say it ("Ka,r"), not its key."""
        found = QUANTITIES.get(self.quantity)
        return found.short if found is not None else self.quantity

    @property
    def measured_text(self) -> str:
        """The measured value with its quantity and unit: "Ka,r 6,743 mGy"."""
        return dose_text(self.quantity, self.measured)

    @property
    def threshold_text(self) -> str:
        """The level with its unit: "5,000 mGy"."""
        return amount(self.quantity, self.threshold)

    @property
    def sentence(self) -> str:
        """ "Ka,r 6,743 mGy, above the 5,000 mGy level"."""
        return f"{self.measured_text}, above the {self.threshold_text} level"
