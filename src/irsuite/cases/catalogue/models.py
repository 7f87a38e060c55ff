"""The procedure catalogue as loaded from `reference/data/catalogue.toml`."""

from __future__ import annotations

from django.db import models

from irsuite.domain import catalogue as dom


class CatalogueVersion(models.Model):
    """Each load of the catalogue file, so a change of reference data can be traced."""

    version = models.CharField(max_length=40)
    source = models.TextField()
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"catalogue {self.version}"


class CatalogueEntry(models.Model):
    """One procedure the service offers (DOMAIN §2); complex parts are kept as JSON."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=30, choices=[(f.value, f.value) for f in dom.Family])
    subfamily = models.CharField(max_length=60, blank=True)
    vascular = models.BooleanField()
    guidance = models.JSONField(default=list)
    bleeding_risk = models.CharField(
        max_length=12, choices=[(b.value, b.value) for b in dom.BleedingRiskClass]
    )
    fluoro_dose_expected = models.BooleanField()
    default_duration_min = models.PositiveSmallIntegerField()
    anaesthesia_usual = models.BooleanField(default=False)
    site_marking = models.BooleanField(default=False)
    room_capability = models.CharField(
        max_length=20, choices=[(c.value, c.value) for c in dom.RoomCapability]
    )
    cpt = models.JSONField(default=list)
    consent = models.JSONField(default=dict)
    follow_up = models.JSONField(default=list)
    quality = models.JSONField(default=list)
    discharge_instructions = models.TextField(blank=True)
    source = models.TextField()
    verified = models.BooleanField(default=False)
    catalogue_version = models.CharField(max_length=40)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["family", "name"]
        verbose_name_plural = "catalogue entries"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def family_label(self) -> str:
        return self.family.replace("_", " ").capitalize()

    @property
    def cpt_codes(self) -> list[str]:
        return [c["code"] for c in self.cpt]

    def as_domain(self) -> dom.CatalogueEntry:
        """The entry as the pure domain dataclass, for rules that need it."""
        return dom.parse_entry(
            {
                "code": self.code,
                "name": self.name,
                "family": self.family,
                "subfamily": self.subfamily,
                "vascular": self.vascular,
                "guidance": self.guidance,
                "bleeding_risk": self.bleeding_risk,
                "fluoro_dose_expected": self.fluoro_dose_expected,
                "default_duration_min": self.default_duration_min,
                "anaesthesia_usual": self.anaesthesia_usual,
                "site_marking": self.site_marking,
                "room_capability": self.room_capability,
                "source": self.source,
                "verified": self.verified,
                "discharge_instructions": self.discharge_instructions,
                "cpt": self.cpt,
                "consent": self.consent,
                "follow_up": self.follow_up,
                "quality": self.quality,
            }
        )
