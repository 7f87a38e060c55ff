"""Informed consent of a request: the generated and edited text, who signed, how, and any
withdrawal."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from irsuite.cases.models import CatalogueEntry, Request
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
