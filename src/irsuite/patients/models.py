"""Patients and their identifiers (several per patient: an MRN per site, an enterprise id)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from irsuite.domain.deidentify import Deidentifier
from irsuite.people.models import Site


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    OTHER = "O", "Other"
    UNKNOWN = "U", "Unknown"


class AllergyStatus(models.TextChoices):
    """Whether allergies were asked about: "none known" is an answer, not a blank."""

    NOT_RECORDED = "not_recorded", "Not recorded"
    NONE_KNOWN = "none_known", "No known allergies"
    KNOWN = "known", "Allergies recorded"


class PregnancyStatus(models.TextChoices):
    """Pregnancy status as last established; it holds only for a time, so it carries its day.
    The DICOM worklist maps it to Pregnancy Status (0010,21C0)."""

    NOT_APPLICABLE = "not_applicable", "Not applicable"
    UNKNOWN = "unknown", "Not yet established"
    NEGATIVE_TEST = "negative_test", "Negative pregnancy test"
    POSSIBLE = "possible", "Possibly pregnant"
    PREGNANT = "pregnant", "Pregnant"


class Patient(models.Model):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    birth_date = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    enterprise_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    allergies = models.TextField(blank=True, help_text="Known allergies, one per line.")
    contrast_allergy = models.BooleanField(default=False)
    allergy_status = models.CharField(
        max_length=12, choices=AllergyStatus.choices, default=AllergyStatus.NOT_RECORDED
    )
    allergies_recorded_at = models.DateTimeField(null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    weight_recorded_on = models.DateField(null=True, blank=True)
    pregnancy_status = models.CharField(
        max_length=15, choices=PregnancyStatus.choices, default=PregnancyStatus.UNKNOWN
    )
    pregnancy_status_on = models.DateField(
        null=True, blank=True, help_text="The day the pregnancy status was established."
    )
    synthetic = models.BooleanField(
        default=False, help_text="Made-up patient (demo or test data), never a real person."
    )
    deceased_at = models.DateField(null=True, blank=True)
    needs_reconciliation = models.BooleanField(
        default=False,
        help_text="Registered from a referral whose identifiers matched no chart; IR staff check "
        "it against the hospital's index and merge or confirm it.",
    )
    claimed_mrn = models.CharField(
        max_length=64,
        blank=True,
        help_text="The MRN a referral gave when it was already another patient's.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
        help_text="Set when the hospital merged this record into another (HL7 ADT^A40).",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"], name="patient_name_idx")]

    def __str__(self) -> str:
        return f"{self.family_name.upper()}, {self.given_name}"

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def research_id(self) -> str:
        """A stable pseudonymous label for de-identified views (no identifier inside)."""
        return research_id_of(self.pk)


class IdentifierType(models.TextChoices):
    MRN = "MR", "Medical record number"
    ENTERPRISE = "PI", "Enterprise identifier"
    NATIONAL = "NI", "National identifier"


class PatientIdentifier(models.Model):
    """One identifier of a patient; an MRN is unique within its site."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="identifiers")
    type = models.CharField(
        max_length=2, choices=IdentifierType.choices, default=IdentifierType.MRN
    )
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT)
    value = models.CharField(max_length=64)

    class Meta:
        ordering = ["type", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "site", "value"], name="identifier_unique_per_site"
            )
        ]
        indexes = [models.Index(fields=["value"], name="identifier_value_idx")]

    def __str__(self) -> str:
        where = f"@{self.site.code}" if self.site is not None else ""
        return f"{self.type}{where}:{self.value}"


def research_id_of(patient_pk: int) -> str:
    """The patient's keyed research id (HMAC with the site's research key, never the row's
    number): the same one the researcher's data carries."""
    return Deidentifier(key=settings.RESEARCH_KEY.encode()).research_id(patient_pk)


from irsuite.patients.merge.models import PatientMerge  # noqa: E402  (re-exported)

__all__ = ["IdentifierType", "Patient", "PatientIdentifier", "PatientMerge", "Sex"]
