"""Day of the procedure: consent, safety checklist, sedation and recovery, structured report."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from irsuite.cases.models import CatalogueEntry, Procedure, Request
from irsuite.domain.checklist import Phase
from irsuite.domain.recovery import SedationKind
from irsuite.people.models import Staff

USER = settings.AUTH_USER_MODEL


class ConsentStatus(models.TextChoices):
    DRAFT = "draft", "Draft, not signed"
    SIGNED = "signed", "Signed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ConsentMethod(models.TextChoices):
    TABLET = "tablet", "Signed on the tablet"
    PAPER = "paper", "Signed paper form, scanned"


class SignerRole(models.TextChoices):
    PATIENT = "patient", "The patient"
    REPRESENTATIVE = "representative", "Legal representative"
    PARENT = "parent", "Parent or guardian"


class Consent(models.Model):
    """Informed consent for a request: generated text, clinician edits, signature, status."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="consents")
    catalogue_entry = models.ForeignKey(CatalogueEntry, on_delete=models.PROTECT, related_name="+")
    generated_text = models.TextField(help_text="The form as generated from the catalogue.")
    text = models.TextField(help_text="The form as the clinician edited it; this is signed.")
    status = models.CharField(
        max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.DRAFT
    )
    method = models.CharField(max_length=8, choices=ConsentMethod.choices, blank=True)
    consented_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="consents_taken"
    )
    signer_name = models.CharField(max_length=120, blank=True)
    signer_role = models.CharField(max_length=16, choices=SignerRole.choices, blank=True)
    signature_png = models.BinaryField(null=True, blank=True, editable=False)
    scan = models.BinaryField(null=True, blank=True, editable=False)
    scan_content_type = models.CharField(max_length=60, blank=True)
    interpreter_name = models.CharField(max_length=120, blank=True)
    interpreter_language = models.CharField(max_length=60, blank=True)
    witness_name = models.CharField(max_length=120, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["request", "status"], name="consent_request_status_idx")]

    def __str__(self) -> str:
        return f"Consent {self.pk} ({self.get_status_display()})"

    @property
    def is_signed(self) -> bool:
        return self.status == ConsentStatus.SIGNED


class ChecklistRecord(models.Model):
    """The safety checklist of one request on the day of the procedure."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="checklist")
    definition_version = models.CharField(max_length=20)
    site_marked_at = models.DateTimeField(null=True, blank=True)
    site_marked_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    site_marking_note = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Checklist {self.pk}"


class ChecklistAnswer(models.Model):
    """One answer; a later answer to the same item replaces it (both are kept)."""

    checklist = models.ForeignKey(ChecklistRecord, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(max_length=60)
    value = models.TextField()
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["checklist", "item_id"], name="checklist_answer_item_idx")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class ChecklistPhaseCompletion(models.Model):
    checklist = models.ForeignKey(
        ChecklistRecord, on_delete=models.CASCADE, related_name="completions"
    )
    phase = models.CharField(max_length=10, choices=[(p.value, p.value) for p in Phase])
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checklist", "phase"], name="checklist_phase_once")
        ]

    def __str__(self) -> str:
        return f"{self.phase} completed"


class SedationRecord(models.Model):
    """Sedation during the procedure and phase I recovery afterwards, for one request."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="sedation")
    kind = models.CharField(
        max_length=10,
        choices=[(k.value, k.value.replace("_", " ")) for k in SedationKind],
        default=SedationKind.MODERATE.value,
    )
    baseline_systolic = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(40), MaxValueValidator(300)]
    )
    discharged_at = models.DateTimeField(null=True, blank=True)
    discharged_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    discharge_instructions = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Sedation record {self.pk}"


class DoseUnit(models.TextChoices):
    MG = "mg", "mg"
    MICROGRAM = "microgram", "micrograms"
    ML = "ml", "mL"
    UNIT = "unit", "units"


class SedationDrug(models.Model):
    record = models.ForeignKey(SedationRecord, on_delete=models.CASCADE, related_name="drugs")
    drug = models.CharField(max_length=60)
    dose = models.DecimalField(max_digits=7, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(max_length=10, choices=DoseUnit.choices)
    route = models.CharField(max_length=20, default="IV")
    at = models.DateTimeField()
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.drug} {self.dose} {self.unit}"


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

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Aldrete {self.total} at {self.at:%H:%M}"


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
