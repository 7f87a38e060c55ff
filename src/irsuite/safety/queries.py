"""Read-side lookups shared by the safety pages and API: what the user may see, or a 404."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from irsuite.audit.reads import note_patients
from irsuite.cases.models import Procedure, Request
from irsuite.cases.queries import visible_requests


def visible_request(http: HttpRequest, request_id: int, *defer: str) -> Request:
    """The request when the user may see it, else a 404; ``defer`` leaves columns unread."""
    requests = visible_requests(http.user)
    if defer:
        requests = requests.defer(*defer)
    found = get_object_or_404(requests, pk=request_id)
    note_patients([found.patient_id])  # this response shows the patient's record
    return found


def visible_procedure(http: HttpRequest, procedure_id: int) -> Procedure:
    """The procedure when the user may see its request, else a 404."""
    procedure = get_object_or_404(Procedure.objects.select_related("request"), pk=procedure_id)
    visible_request(http, procedure.request_id)
    return procedure
