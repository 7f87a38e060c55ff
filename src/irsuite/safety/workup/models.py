"""The pre-procedure work-up of a request: labs, drugs affecting haemostasis, allergies,
ASA class, sedation plan, fasting, airway and pregnancy; its signature and any override of
the bleeding-risk gate."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.cases.models import Request
from irsuite.patients.models import PregnancyStatus  # kept on the patient, with its day
from irsuite.people.models import Staff


class AsaClass(models.TextChoices):
    """ASA physical status (DOMAIN §3); the E suffix is ``WorkUp.asa_emergency``."""

    I = "I", "I: healthy"  # noqa: E741
    II = "II", "II: mild systemic disease"
    III = "III", "III: severe systemic disease"
    IV = "IV", "IV: severe disease, a constant threat to life"
    V = "V", "V: moribund"
    VI = "VI", "VI: brain-dead organ donor"


class SedationPlan(models.TextChoices):
    LOCAL = "local", "Local anaesthetic only"
    MODERATE = "moderate", "Moderate (conscious) sedation"
    MAC = "mac", "Monitored anaesthesia care"
    GENERAL = "general", "General anaesthesia"


class FastingStatus(models.TextChoices):
    UNKNOWN = "unknown", "Not yet confirmed"
    FASTED = "fasted", "Fasted as instructed"
    NOT_FASTED = "not_fasted", "Not fasted"
    NOT_REQUIRED = "not_required", "Fasting not required"


class ArterialAccessSite(models.TextChoices):
    NONE = "", "No arterial access"
    FEMORAL = "femoral", "Femoral"
    RADIAL = "radial", "Radial"


class LabKind(models.TextChoices):
    """Laboratory results the work-up records, each with its fixed unit."""

    INR = "inr", "INR"
    PLATELETS = "platelets", "Platelets (x10^9/L)"
    HAEMOGLOBIN = "haemoglobin", "Haemoglobin (g/L)"
    CREATININE = "creatinine", "Creatinine (micromol/L)"
    EGFR = "egfr", "eGFR (mL/min/1.73 m2)"
    CRCL = "crcl", "Creatinine clearance (mL/min)"
    FIBRINOGEN = "fibrinogen", "Fibrinogen (mg/dL)"


class WorkUp(models.Model):
    """The pre-procedure assessment of one request."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="workup")
    arterial_sheath_fr = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    arterial_access = models.CharField(
        max_length=10,
        choices=ArterialAccessSite.choices,
        default=ArterialAccessSite.NONE,
        blank=True,
    )
    chronic_liver_disease = models.BooleanField(default=False)
    allergies = models.TextField(blank=True, help_text="Known allergies, one per line.")
    contrast_allergy = models.BooleanField(default=False)
    asa_class = models.CharField(max_length=3, choices=AsaClass.choices, blank=True)
    asa_emergency = models.BooleanField(default=False, help_text="ASA suffix E")
    sedation_plan = models.CharField(max_length=10, choices=SedationPlan.choices, blank=True)
    fasting_status = models.CharField(
        max_length=15, choices=FastingStatus.choices, default=FastingStatus.UNKNOWN
    )
    airway_concerns = models.TextField(blank=True)
    pregnancy_status = models.CharField(
        max_length=15, choices=PregnancyStatus.choices, default=PregnancyStatus.NOT_APPLICABLE
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # The signature covers the work-up as it was; any change clears it.
    signed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_plan = models.JSONField(null=True, blank=True)
    # An attending may let a request become ready without a cleared plan, with a reason.
    override_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = "work-up"

    def __str__(self) -> str:
        return f"Work-up of {self.request.accession_number}"

    @property
    def asa_display(self) -> str:
        """ASA class with its E suffix, e.g. 'IIIE'; empty when not assessed."""
        return f"{self.asa_class}{'E' if self.asa_emergency else ''}" if self.asa_class else ""


class WorkUpLab(models.Model):
    """One laboratory result with the time the sample was taken."""

    workup = models.ForeignKey(WorkUp, on_delete=models.CASCADE, related_name="labs")
    kind = models.CharField(max_length=12, choices=LabKind.choices)
    value = models.FloatField()
    taken_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-taken_at", "-id"]
        indexes = [models.Index(fields=["workup", "kind", "taken_at"], name="workup_lab_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value:g}"


class WorkUpMedication(models.Model):
    """A drug affecting haemostasis as written, the drug it was matched to, and its last dose."""

    workup = models.ForeignKey(WorkUp, on_delete=models.CASCADE, related_name="medications")
    drug = models.CharField(max_length=100, help_text="As written by the clinician.")
    drug_id = models.CharField(max_length=40, help_text="The matched drug of the reference data.")
    dose = models.CharField(max_length=100, blank=True)
    last_dose_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.drug


__all__ = [
    "ArterialAccessSite",
    "AsaClass",
    "FastingStatus",
    "LabKind",
    "PregnancyStatus",
    "SedationPlan",
    "WorkUp",
    "WorkUpLab",
    "WorkUpMedication",
]
