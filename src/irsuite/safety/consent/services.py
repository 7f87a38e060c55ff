"""Consent use cases: generate, edit, sign on the tablet or upload the paper form, withdraw."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases.models import Request, RequestStatus
from irsuite.domain.consent import ConsentContentError, generate_consent
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.safety.consent.models import Consent, ConsentMethod, ConsentStatus, SignerRole
from irsuite.safety.reference import consent_wording

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SCAN_TYPES = {PNG_MAGIC: "image/png", b"\xff\xd8\xff": "image/jpeg", b"%PDF-": "application/pdf"}
MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SCAN_BYTES = 10 * 1024 * 1024
CLOSED_STATUSES = {RequestStatus.COMPLETED, RequestStatus.REJECTED, RequestStatus.CANCELLED}
_AUDITED = ["status", "method", "signer_name", "signer_role", "interpreter_name", "witness_name"]


@dataclass(frozen=True)
class SignerDetails:
    """Who signs and who helped: the patient or representative, interpreter, witness."""

    name: str
    role: str = SignerRole.PATIENT
    interpreter_name: str = ""
    interpreter_language: str = ""
    witness_name: str = ""


def _consenter(user: UserLike) -> Staff:
    staff = staff_of(user)
    if staff is None or not has_capability(user, Capability.CONSENT):
        raise NotAllowed("Your role cannot take consent; ask the operator or a consenting nurse.")
    return staff


def current_consent(request: Request) -> Consent | None:
    """The latest consent that has not been withdrawn."""
    return request.consents.exclude(status=ConsentStatus.WITHDRAWN).order_by("-created_at").first()


def consent_signed(request: Request) -> bool:
    """True when the request has a signed consent that has not been withdrawn."""
    return request.consents.filter(status=ConsentStatus.SIGNED).exists()


@transaction.atomic
def start_consent(request: Request, *, by: UserLike) -> Consent:
    """Generate a draft consent form from the catalogue entry of the request."""
    staff = _consenter(by)
    if request.status in CLOSED_STATUSES:
        raise Conflict("This request is closed; consent can no longer be taken for it.")
    existing = current_consent(request)
    if existing is not None and existing.status == ConsentStatus.DRAFT:
        return existing
    entry = request.catalogue_entry
    try:
        document = generate_consent(entry.as_domain(), consent_wording())
    except ConsentContentError as error:
        raise ValidationFailed(str(error)) from None
    text = document.as_text()
    consent = Consent.objects.create(
        request=request,
        catalogue_entry=entry,
        generated_text=text,
        text=text,
        created_by=staff.user,
    )
    record(
        by,
        AuditAction.CREATE,
        consent,
        patient_id=request.patient_id,
        after=snapshot(consent, _AUDITED),
        summary="consent form generated",
    )
    return consent


def _locked_draft(consent: Consent, version: int | None) -> Consent:
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.status != ConsentStatus.DRAFT:
        raise Conflict("This consent is no longer a draft; start a new consent to change it.")
    if version is not None and locked.version != version:
        raise Conflict("Someone else changed this consent; reload the page and try again.")
    return locked


@transaction.atomic
def edit_consent(
    consent: Consent, *, text: str, by: UserLike, version: int | None = None
) -> Consent:
    """Replace the text of a draft consent (the clinician's edits)."""
    _consenter(by)
    consent = _locked_draft(consent, version)
    if not text.strip():
        raise ValidationFailed("The consent text is empty; keep the generated text or write one.")
    before = {"text": consent.text}
    consent.text = text.strip() + "\n"
    consent.version += 1
    consent.save(update_fields=["text", "version"])
    record(
        by,
        AuditAction.CHANGE,
        consent,
        patient_id=consent.request.patient_id,
        before=before,
        after={"text": consent.text},
        summary="consent text edited",
    )
    return consent


def decode_signature(data_url: str) -> bytes:
    """The PNG bytes of a drawn signature sent as a ``data:image/png;base64,`` URL."""
    prefix = "data:image/png;base64,"
    if not data_url.startswith(prefix):
        raise ValidationFailed(
            "No signature was drawn. Ask the signer to sign in the box, or upload the paper form."
        )
    try:
        png = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed(
            "The signature could not be read; clear the box and sign again."
        ) from None
    if not png.startswith(PNG_MAGIC) or len(png) > MAX_SIGNATURE_BYTES:
        raise ValidationFailed("The signature could not be read; clear the box and sign again.")
    return png


def _check_signer(signer: SignerDetails) -> None:
    if not signer.name.strip():
        raise ValidationFailed("Enter the name of the person signing.")
    if signer.role not in SignerRole.values:
        raise ValidationFailed("Say who signs: the patient, a legal representative or a parent.")
    if signer.interpreter_language.strip() and not signer.interpreter_name.strip():
        raise ValidationFailed("Enter the interpreter's name as well as the language.")


def _sign(
    consent: Consent,
    *,
    by: UserLike,
    signer: SignerDetails,
    version: int | None,
    method: ConsentMethod,
    proof: dict[str, Any],
    summary: str,
) -> Consent:
    """The signing steps of every method: check the signer, lock the draft, fill the signature
    fields and the proof (the drawn signature or the scan), save and audit."""
    staff = _consenter(by)
    _check_signer(signer)
    consent = _locked_draft(consent, version)
    before = snapshot(consent, _AUDITED)
    fields = {
        "status": ConsentStatus.SIGNED,
        "method": method,
        "consented_by": staff,
        "signer_name": signer.name.strip(),
        "signer_role": signer.role,
        "interpreter_name": signer.interpreter_name.strip(),
        "interpreter_language": signer.interpreter_language.strip(),
        "witness_name": signer.witness_name.strip(),
        "signed_at": timezone.now(),
        "version": consent.version + 1,
        **proof,
    }
    for field, value in fields.items():
        setattr(consent, field, value)
    consent.save()
    record(
        by,
        AuditAction.SIGN,
        consent,
        patient_id=consent.request.patient_id,
        before=before,
        after=snapshot(consent, _AUDITED),
        summary=summary,
    )
    return consent


@transaction.atomic
def sign_on_tablet(
    consent: Consent,
    *,
    signature: str,
    signer: SignerDetails,
    by: UserLike,
    version: int | None = None,
) -> Consent:
    """Sign the consent with a signature drawn on the tablet (a PNG data URL)."""
    png = decode_signature(signature)
    return _sign(
        consent,
        by=by,
        signer=signer,
        version=version,
        method=ConsentMethod.TABLET,
        proof={"signature_png": png},
        summary="consent signed on tablet",
    )


def scan_type(data: bytes) -> str:
    """The content type of an uploaded scan (PDF, PNG or JPEG), or a ValidationFailed."""
    if not data:
        raise ValidationFailed("The uploaded file is empty; scan the signed form again.")
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationFailed("The scan is larger than 10 MB; scan at a lower resolution.")
    for magic, content_type in SCAN_TYPES.items():
        if data.startswith(magic):
            return content_type
    raise ValidationFailed("Upload the signed form as a PDF, PNG or JPEG file.")


@transaction.atomic
def upload_paper_form(
    consent: Consent,
    *,
    scan: bytes,
    signer: SignerDetails,
    by: UserLike,
    version: int | None = None,
) -> Consent:
    """Sign the consent by uploading the scanned, signed paper form."""
    content_type = scan_type(scan)
    return _sign(
        consent,
        by=by,
        signer=signer,
        version=version,
        method=ConsentMethod.PAPER,
        proof={"scan": scan, "scan_content_type": content_type},
        summary="paper consent uploaded",
    )


@transaction.atomic
def withdraw_consent(consent: Consent, *, reason: str, by: UserLike) -> Consent:
    """Withdraw a consent (the patient changed their mind, or it was taken in error)."""
    _consenter(by)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.status == ConsentStatus.WITHDRAWN:
        raise Conflict("This consent is already withdrawn.")
    if not reason.strip():
        raise ValidationFailed("Give the reason the consent is withdrawn.")
    before = snapshot(consent, _AUDITED)
    consent.status = ConsentStatus.WITHDRAWN
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_reason = reason.strip()
    consent.version += 1
    consent.save()
    record(
        by,
        AuditAction.CHANGE,
        consent,
        patient_id=consent.request.patient_id,
        before=before,
        after=snapshot(consent, _AUDITED),
        reason=reason,
        summary="consent withdrawn",
    )
    return consent
