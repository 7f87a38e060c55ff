"""The procedure (the case): times, team, access, devices, findings, signature, addenda."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from irsuite.cases import reference
from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.requests.models import Request
from irsuite.people.models import Room, Staff

# Data-entry ranges (reference data); migrations hold the values current when they were written.
CONTRAST = reference.contrast_ml()
SHEATH = reference.sheath_fr()
HAND_DOSE = reference.hand_dose()


def _dose_field(quantity: str, verbose_name: str) -> models.DecimalField:  # type: ignore[type-arg]
    limit = HAND_DOSE[quantity]
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(limit.low), MaxValueValidator(limit.high)],
    )


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class SedationType(models.TextChoices):
    NONE = "none", "None"
    LOCAL = "local", "Local anaesthesia only"
    MODERATE = "moderate", "Moderate (conscious) sedation"
    MAC = "mac", "Monitored anaesthesia care"
    GENERAL = "general", "General anaesthesia"


class TechnicalSuccess(models.TextChoices):
    SUCCESS = "success", "Technically successful"
    PARTIAL = "partial", "Partially successful"
    FAILURE = "failure", "Technically unsuccessful"


class Disposition(models.TextChoices):
    HOME = "home", "Home (day case)"
    WARD = "ward", "Back to ward"
    OBSERVATION = "observation", "Overnight observation"
    ICU = "icu", "Intensive care"
    THEATRE = "theatre", "Operating theatre"
    DIED = "died", "Died"


class SampleAdequacy(models.TextChoices):
    """Whether a biopsy's sample sufficed for a diagnosis (the pathology answer, recorded on
    the case: the diagnostic-yield indicator counts it)."""

    ADEQUATE = "adequate", "Adequate for diagnosis"
    INADEQUATE = "inadequate", "Not adequate for diagnosis"


class Procedure(models.Model):
    """What was done for a request. Signing locks it; later changes are addenda."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="procedure")
    entries = models.ManyToManyField(CatalogueEntry, related_name="procedures")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="procedures")
    day = models.DateField(db_index=True, help_text="The day of the case, for lists.")
    in_room_at = models.DateTimeField(null=True, blank=True)
    start_at = models.DateTimeField(null=True, blank=True)
    end_at = models.DateTimeField(null=True, blank=True)
    out_at = models.DateTimeField(null=True, blank=True)
    guidance = models.JSONField(default=list, blank=True)
    sedation_type = models.CharField(
        max_length=10, choices=SedationType.choices, default=SedationType.LOCAL
    )
    contrast_ml = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(CONTRAST.low), MaxValueValidator(CONTRAST.high)],
    )
    # Radiation dose read from the unit's console and entered by hand, for units that send no
    # dose report (RDSR); a linked dose report, when there is one, is shown beside it.
    hand_fluoro_time_s = _dose_field("fluoro_time_s", "fluoroscopy time (s), entered by hand")
    hand_kap_gycm2 = _dose_field("kap_gycm2", "KAP (Gy·cm²), entered by hand")
    hand_ka_r_mgy = _dose_field("ka_r_mgy", "Ka,r (mGy), entered by hand")
    sample_adequacy = models.CharField(
        "sample adequate for diagnosis",
        max_length=10,
        choices=SampleAdequacy.choices,
        blank=True,
        help_text="For biopsies: whether the sample sufficed for a diagnosis.",
    )
    findings = models.TextField(blank=True)
    technical_success = models.CharField(
        max_length=10, choices=TechnicalSuccess.choices, blank=True
    )
    disposition = models.CharField(max_length=12, choices=Disposition.choices, blank=True)
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=8, choices=ProcedureStatus.choices, default=ProcedureStatus.DRAFT
    )
    signed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="signed_procedures"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-day", "-start_at"]
        indexes = [
            models.Index(fields=["room", "day"], name="procedure_room_day_idx"),
            models.Index(fields=["status", "day"], name="procedure_status_day_idx"),
            models.Index(fields=["status", "room", "day"], name="procedure_status_room_day_idx"),
        ]

    def __str__(self) -> str:
        return f"Procedure {self.pk} on {date_format(self.day)}"

    @property
    def is_signed(self) -> bool:
        return self.status == ProcedureStatus.SIGNED

    @property
    def hand_dose(self) -> dict[str, Decimal]:
        """The dose entered by hand, by report key (only the values given)."""
        values = {
            "fluoro_time_s": self.hand_fluoro_time_s,
            "kap_gycm2": self.hand_kap_gycm2,
            "ka_r_mgy": self.hand_ka_r_mgy,
        }
        return {key: value for key, value in values.items() if value is not None}

    @property
    def patient_id_value(self) -> int:
        return self.request.patient_id


class CaseRole(models.TextChoices):
    ATTENDING_OPERATOR = "attending_operator", "Attending operator"
    SUPERVISING_ATTENDING = "supervising_attending", "Supervising attending"
    TRAINEE_PRIMARY = "trainee_primary", "Trainee, primary operator"
    TRAINEE_ASSISTANT = "trainee_assistant", "Trainee, assistant"
    TRAINEE_OBSERVER = "trainee_observer", "Trainee, observer"
    NURSE = "nurse", "Nurse"
    TECHNOLOGIST = "technologist", "Technologist"
    ANAESTHESIA = "anaesthesia", "Anaesthesia"


TRAINEE_CASE_ROLES = frozenset(
    {CaseRole.TRAINEE_PRIMARY, CaseRole.TRAINEE_ASSISTANT, CaseRole.TRAINEE_OBSERVER}
)
OPERATOR_CASE_ROLES = frozenset(
    {CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING, CaseRole.TRAINEE_PRIMARY}
)


class TeamMember(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="team")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=24, choices=CaseRole.choices)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "staff", "role"], name="team_role_once")
        ]
        indexes = [models.Index(fields=["staff", "role"], name="team_staff_role_idx")]

    def __str__(self) -> str:
        return f"{self.staff} as {self.get_role_display()}"


class AccessKind(models.TextChoices):
    ARTERIAL = "arterial", "Arterial"
    VENOUS = "venous", "Venous"
    NON_VASCULAR = "non_vascular", "Non-vascular"


class AccessSite(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="access_sites")
    kind = models.CharField(max_length=12, choices=AccessKind.choices)
    site = models.CharField(max_length=60, help_text="e.g. right common femoral artery")
    sheath_fr = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(SHEATH.low), MaxValueValidator(SHEATH.high)],
        help_text=f"Sheath size in French, {SHEATH}.",
    )
    closure = models.CharField(max_length=60, blank=True)

    def __str__(self) -> str:
        size = f" {self.sheath_fr} F" if self.sheath_fr is not None else ""
        return f"{self.site}{size}"


class DeviceKind(models.TextChoices):
    DEVICE = "device", "Device"
    STENT = "stent", "Stent or stent-graft"
    BALLOON = "balloon", "Balloon"
    CATHETER = "catheter", "Catheter or drain"
    FILTER = "filter", "IVC filter"
    EMBOLIC = "embolic", "Embolic agent"
    COIL = "coil", "Coil or plug"
    CLOSURE = "closure", "Closure device"
    NEEDLE = "needle", "Needle or probe"


class DeviceUsed(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="devices")
    kind = models.CharField(max_length=10, choices=DeviceKind.choices)
    name = models.CharField(max_length=120)
    manufacturer = models.CharField(max_length=120, blank=True)
    lot = models.CharField(max_length=60, blank=True)
    udi = models.CharField(max_length=120, blank=True)
    quantity = models.PositiveSmallIntegerField(default=1)
    left_in_place = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["kind"], name="device_kind_idx")]

    def __str__(self) -> str:
        return f"{self.name} ×{self.quantity}"


class Addendum(models.Model):
    """A change to a signed procedure; the signed record itself never changes."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField()
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"Addendum {date_format(timezone.localtime(self.at), 'DATETIME_FORMAT')}"


__all__ = [
    "AccessKind",
    "AccessSite",
    "Addendum",
    "CaseRole",
    "DeviceKind",
    "DeviceUsed",
    "Disposition",
    "OPERATOR_CASE_ROLES",
    "Procedure",
    "ProcedureStatus",
    "SedationType",
    "TRAINEE_CASE_ROLES",
    "TeamMember",
    "TechnicalSuccess",
]
