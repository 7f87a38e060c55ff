"""Sites, rooms (suites), staff and their API tokens."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from irsuite.people.roles import Capability, StaffRole, capabilities_of

ae_title_validator = RegexValidator(
    r"^[ -~]{1,16}$", "A DICOM AE title is 1 to 16 printable ASCII characters."
)


class Site(models.Model):
    """A hospital or outpatient centre where the service works."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SuiteType(models.TextChoices):
    ANGIO_SINGLE_PLANE = "angio_single", "Angiography, single-plane"
    ANGIO_BIPLANE = "angio_biplane", "Angiography, biplane"
    CT = "ct", "CT"
    US = "us", "Ultrasound"
    FLUORO = "fluoro", "Fluoroscopy"
    HYBRID_OR = "hybrid_or", "Hybrid operating room"


class Room(models.Model):
    """A suite where procedures are done; its AE title names it on the DICOM network."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="rooms")
    code = models.SlugField(max_length=20)
    name = models.CharField(max_length=100)
    suite_type = models.CharField(max_length=20, choices=SuiteType.choices)
    ae_title = models.CharField(max_length=16, validators=[ae_title_validator], unique=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["site__name", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "code"], name="room_code_per_site")]

    def __str__(self) -> str:
        return f"{self.name} ({self.site.code})"


class Staff(models.Model):
    """A person who works in or with the service; linked to a login when they have one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    role = models.CharField(max_length=20, choices=StaffRole.choices, db_index=True)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )
    email = models.EmailField(blank=True)
    fte = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.05), MaxValueValidator(1)],
        help_text="Full-time equivalent, between 0.05 and 1.",
    )
    training_year = models.PositiveSmallIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "staff"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.role in {StaffRole.ATTENDING, StaffRole.FELLOW, StaffRole.RESIDENT}:
            return f"Dr {self.given_name} {self.family_name}"
        return f"{self.given_name} {self.family_name}"

    @property
    def capabilities(self) -> frozenset[Capability]:
        return capabilities_of(self.role)

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities


TOKEN_LIFETIME_DAYS = 90


def default_token_expiry() -> dt.datetime:
    """New API tokens work for TOKEN_LIFETIME_DAYS unless their owner chooses less."""
    return timezone.now() + dt.timedelta(days=TOKEN_LIFETIME_DAYS)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=default_token_expiry)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_live(self) -> bool:
        return not self.revoked and self.expires_at > timezone.now()
