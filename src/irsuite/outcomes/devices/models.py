"""Devices tracked after the procedure: IVC filters and long-term central venous catheters."""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format

from irsuite.cases.models import Procedure
from irsuite.patients.models import Patient


class IvcFilter(models.Model):
    """An IVC filter placed by the service, followed until retrieval or a permanent decision."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="ivc_filters")
    placement = models.OneToOneField(Procedure, on_delete=models.PROTECT, related_name="ivc_filter")
    device_name = models.CharField(max_length=120, blank=True)
    retrievable = models.BooleanField(default=True)
    placed_on = models.DateField(db_index=True)
    retrieval_planned_on = models.DateField(null=True, blank=True)
    deliberately_permanent = models.BooleanField(default=False)
    permanent_reason = models.TextField(blank=True)
    lost_to_follow_up = models.BooleanField(default=False)
    retrieved_on = models.DateField(null=True, blank=True)
    retrieval = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["placed_on", "id"]

    def __str__(self) -> str:
        return f"IVC filter placed {date_format(self.placed_on)}"


class LineKind(models.TextChoices):
    TUNNELLED = "tunnelled", "Tunnelled central venous catheter"
    PORT = "port", "Implanted port"


class CentralLine(models.Model):
    """A tunnelled catheter or port: its days in place are the CRBSI denominator (NHSN)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="central_lines")
    insertion = models.OneToOneField(
        Procedure, on_delete=models.PROTECT, related_name="central_line"
    )
    kind = models.CharField(max_length=10, choices=LineKind.choices)
    inserted_on = models.DateField(db_index=True)
    removed_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["inserted_on", "id"]
        indexes = [
            # Covers catheter-day sums: lines still in place, or removed within the period.
            models.Index(fields=["removed_on", "inserted_on", "kind"], name="cline_in_place_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {date_format(self.inserted_on)}"
