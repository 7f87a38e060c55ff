"""The structured procedure report and its follow-up plan."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models

from irsuite.cases.models import Procedure
from irsuite.people.models import Staff


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class ProcedureReport(models.Model):
    """The structured report of a procedure: one text per section; signing locks it."""

    procedure = models.OneToOneField(Procedure, on_delete=models.PROTECT, related_name="report")
    template_version = models.CharField(max_length=20)
    sections = models.JSONField(default=dict, help_text="Section id → text.")
    status = models.CharField(
        max_length=8, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    signed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="signed_reports"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Report {self.pk} ({self.get_status_display()})"

    @property
    def is_signed(self) -> bool:
        return self.status == ReportStatus.SIGNED


class PlanSource(models.TextChoices):
    CATALOGUE = "catalogue", "Catalogue follow-up plan"
    ORDER = "order", "Post-procedure order"


class PlanItem(models.Model):
    """One line of the follow-up plan; signing the report turns it into a follow-up task."""

    report = models.ForeignKey(ProcedureReport, on_delete=models.CASCADE, related_name="plan")
    source = models.CharField(max_length=10, choices=PlanSource.choices)
    kind = models.CharField(max_length=20)
    after_days = models.PositiveSmallIntegerField(validators=[MaxValueValidator(3650)])
    window_days = models.PositiveSmallIntegerField(default=7)
    text = models.TextField()
    included = models.BooleanField(default=True)
    task_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["after_days", "id"]

    def __str__(self) -> str:
        return f"{self.kind} after {self.after_days} days"
