"""Pages: the consent of a request, signed on the tablet or by uploading the paper form."""

from __future__ import annotations

import base64
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability
from irsuite.safety.consent import services as svc
from irsuite.safety.consent.models import Consent, SignerRole
from irsuite.safety.pages import posted_version, run_service
from irsuite.safety.pdf import render_pdf
from irsuite.safety.queries import visible_request

C = Capability
MAX_UPLOAD = svc.MAX_SCAN_BYTES


def _consent(http: HttpRequest, consent_id: int) -> Consent:
    consent = get_object_or_404(Consent.objects.select_related("request"), pk=consent_id)
    visible_request(http, consent.request_id)
    return consent


def _signer(http: HttpRequest) -> svc.SignerDetails:
    return svc.SignerDetails(
        name=http.POST.get("signer_name", ""),
        role=http.POST.get("signer_role", SignerRole.PATIENT),
        interpreter_name=http.POST.get("interpreter_name", ""),
        interpreter_language=http.POST.get("interpreter_language", ""),
        witness_name=http.POST.get("witness_name", ""),
    )


def _signature(consent: Consent | None) -> str | None:
    """The drawn signature as base64 for an ``<img>``, when the consent was signed on the tablet."""
    if consent is None or not consent.signature_png:
        return None
    return base64.b64encode(bytes(consent.signature_png)).decode()


@require(C.CONSENT, C.CHECKLIST)
def consent_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """The current consent: generate it, edit it, sign it; earlier ones below."""
    req = visible_request(http, request_id)
    consent = svc.current_consent(req)
    return render(
        http,
        "safety/consent.html",
        {
            "req": req,
            "consent": consent,
            "signature": _signature(consent),
            "history": req.consents.select_related("consented_by").order_by("-created_at"),
            "signer_roles": SignerRole.choices,
            "can_consent": has_capability(http.user, C.CONSENT),
        },
    )


def _done(http: HttpRequest, req_id: int, action: Callable[[], object], ok: str) -> HttpResponse:
    run_service(http, action, ok)
    return redirect("safety:consent", req_id)


@require_POST
@require(C.CONSENT)
def consent_start(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    return _done(
        http,
        req.pk,
        lambda: svc.start_consent(req, by=http.user),
        "Consent form prepared: check the text, then sign it.",
    )


@require_POST
@require(C.CONSENT)
def consent_edit(http: HttpRequest, consent_id: int) -> HttpResponse:
    consent = _consent(http, consent_id)
    text = http.POST.get("text", "")
    return _done(
        http,
        consent.request_id,
        lambda: svc.edit_consent(consent, text=text, by=http.user, version=posted_version(http)),
        "Consent text saved.",
    )


@require_POST
@require(C.CONSENT)
def consent_sign(http: HttpRequest, consent_id: int) -> HttpResponse:
    consent = _consent(http, consent_id)
    return _done(
        http,
        consent.request_id,
        lambda: svc.sign_on_tablet(
            consent,
            signature=http.POST.get("signature", ""),
            signer=_signer(http),
            by=http.user,
            version=posted_version(http),
        ),
        "Consent signed.",
    )


@require_POST
@require(C.CONSENT)
def consent_upload(http: HttpRequest, consent_id: int) -> HttpResponse:
    consent = _consent(http, consent_id)
    upload = http.FILES.get("scan")
    data = upload.read(MAX_UPLOAD + 1) if upload is not None else b""
    return _done(
        http,
        consent.request_id,
        lambda: svc.upload_paper_form(
            consent, scan=data, signer=_signer(http), by=http.user, version=posted_version(http)
        ),
        "Signed paper form uploaded: the consent is signed.",
    )


@require_POST
@require(C.CONSENT)
def consent_withdraw(http: HttpRequest, consent_id: int) -> HttpResponse:
    consent = _consent(http, consent_id)
    return _done(
        http,
        consent.request_id,
        lambda: svc.withdraw_consent(consent, reason=http.POST.get("reason", ""), by=http.user),
        "Consent withdrawn.",
    )


@require(C.CONSENT, C.CHECKLIST)
def consent_pdf(http: HttpRequest, consent_id: int) -> HttpResponse:
    """The consent form as a PDF, with the drawn signature when signed on the tablet."""
    consent = _consent(http, consent_id)
    pdf = render_pdf(
        "safety/consent_pdf.html",
        {"consent": consent, "req": consent.request, "signature": _signature(consent)},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consent-{consent.pk}.pdf"'
    return response


@require(C.CONSENT, C.CHECKLIST)
def consent_scan(http: HttpRequest, consent_id: int) -> HttpResponse:
    """The uploaded paper form as it was scanned."""
    consent = _consent(http, consent_id)
    if not consent.scan:
        return redirect("safety:consent", consent.request_id)
    response = HttpResponse(bytes(consent.scan), content_type=consent.scan_content_type)
    response["Content-Disposition"] = f'inline; filename="consent-{consent.pk}-scan"'
    return response
