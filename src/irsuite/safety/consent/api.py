"""API: the consent status of a request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from irsuite.bounds import DbId
from irsuite.people.access import allow
from irsuite.people.roles import Capability
from irsuite.safety.consent.services import current_consent
from irsuite.safety.queries import visible_request

router = Router(tags=["safety"])
C = Capability
# The operation id the API published before consent had its own module.
_ID = "irsuite_safety_clinical_api_"


class ConsentOut(Schema):
    request_id: int
    consent_id: int | None
    status: str
    method: str
    signed_at: dt.datetime | None
    consented_by: str
    interpreter: bool
    witness: bool


@router.get(
    "/safety/requests/{request_id}/consent",
    response=ConsentOut,
    operation_id=_ID + "consent_status",
)
@allow(C.CONSENT, C.CHECKLIST)
def consent_status(request: HttpRequest, request_id: DbId) -> dict[str, Any]:
    """The current consent of a request (status "none" when there is none)."""
    req = visible_request(request, request_id)
    consent = current_consent(req)
    if consent is None:
        return {
            "request_id": req.pk,
            "consent_id": None,
            "status": "none",
            "method": "",
            "signed_at": None,
            "consented_by": "",
            "interpreter": False,
            "witness": False,
        }
    return {
        "request_id": req.pk,
        "consent_id": consent.pk,
        "status": consent.status,
        "method": consent.method,
        "signed_at": consent.signed_at,
        "consented_by": consent.consented_by.display_name if consent.consented_by else "",
        "interpreter": bool(consent.interpreter_name),
        "witness": bool(consent.witness_name),
    }
