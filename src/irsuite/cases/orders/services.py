"""Orders changed by the placer after they were made (HL7 v2 ORC-1 XO from the hospital)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, changed, record, snapshot
from irsuite.cases.models import Priority, Request, RequestStatus
from irsuite.errors import Conflict, ValidationFailed

S = RequestStatus
User = Actor


AMENDABLE = ("indication", "priority", "catalogue_entry", "unmapped_code", "referrer", "due_date")


@transaction.atomic
def amend_request(
    request: Request, *, by: User, changes: dict[str, Any], channel: str = "web"
) -> Request:
    """Change an order before it is performed (the placer changed it: HL7 ORC-1 XO)."""
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise ValidationFailed(f"A request's {', '.join(sorted(unknown))} cannot be amended.")
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status not in {S.REQUESTED, S.VETTED, S.SCHEDULED}:
        raise Conflict(
            f"A {request.get_status_display().lower()} request can no longer be changed."
        )
    if changes.get("priority", request.priority) not in Priority.values:
        raise ValidationFailed("Priority is unknown; use routine, urgent or emergent.")
    before = snapshot(request, [getattr(Request._meta.get_field(n), "attname", n) for n in changes])
    for name, value in changes.items():
        setattr(request, name, value)
    request.version += 1
    request.save()
    after = snapshot(request, before.keys())
    record(
        by,
        AuditAction.CHANGE,
        request,
        patient_id=request.patient_id,
        before=before,
        after=changed(before, after),
        summary="request amended",
        channel=channel,
    )
    return request
