"""Orders from other systems: changed by the placer after they were made (HL7 v2 ORC-1 XO
from the hospital), and vetted when their procedure code was not mapped to the catalogue."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, changed, record, snapshot
from irsuite.cases.models import CatalogueEntry, Priority, Request, RequestStatus
from irsuite.cases.orders import hooks
from irsuite.cases.requests import services as requests
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability

S = RequestStatus
User = Actor


AMENDABLE = (
    "indication", "priority", "catalogue_entry", "unmapped_code", "unmapped_text", "referrer",
    "due_date",
)  # fmt: skip


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


def vet_order(
    request: Request,
    *,
    by: User,
    accept: bool,
    note: str,
    entry: CatalogueEntry | None = None,
    map_code: bool = False,
    channel: str = "web",
) -> Request:
    """Vet a request; one flagged "code not mapped" is accepted only with the catalogue entry
    its ordered code means (`entry`), which replaces the entry it was filed under and clears
    the flag (the ordered code stays in its history and the audit log). With `map_code` the
    system that sent the order learns the rule for its future orders (audited, versioned).
    On rejection `entry` and `map_code` are not used; for a request that is not flagged they
    are refused."""
    if not has_capability(by, Capability.VET_REQUEST):
        raise NotAllowed("Only attendings and fellows vet requests.")
    with transaction.atomic():
        current = Request.objects.select_for_update().get(pk=request.pk)
        unmapped = current.unmapped_code
        if not unmapped and (map_code or (entry and entry.pk != current.catalogue_entry_id)):
            raise ValidationFailed(
                "This request's procedure code is mapped: vet it as it is, or amend the "
                "request to change its procedure."
            )
        if unmapped and accept:
            chosen = _chosen(unmapped, entry)
            if map_code:
                _learn(current, unmapped, chosen, by=by, channel=channel)
            current = _resolve(current, unmapped, chosen, by=by, channel=channel)
        return requests.vet(current, by=by, accept=accept, note=note, channel=channel)


def _chosen(unmapped: str, entry: CatalogueEntry | None) -> CatalogueEntry:
    if entry is None or not entry.active:
        raise ValidationFailed(
            f"The ordered code {unmapped!r} is not mapped: choose the catalogue entry it "
            "means before accepting the request."
        )
    return entry


def _resolve(
    request: Request, unmapped: str, entry: CatalogueEntry, *, by: User, channel: str
) -> Request:
    """File a flagged request under the entry the attending chose; note it in its history."""
    ordered = f"{unmapped!r}" + (f" ({request.unmapped_text})" if request.unmapped_text else "")
    request = amend_request(
        request,
        by=by,
        changes={"catalogue_entry": entry, "unmapped_code": "", "unmapped_text": ""},
        channel=channel,
    )
    requests.note_in_history(
        request,
        by=by,
        text=f"Ordered code {ordered} was not mapped: filed as {entry.code} ({entry.name}).",
    )
    return request


def _learn(
    request: Request, unmapped: str, entry: CatalogueEntry, *, by: User, channel: str
) -> None:
    found = hooks.source_of(request)
    if found is None:
        raise ValidationFailed(
            "This order came from no configured interface, so there is no mapping to add; "
            "vet it without mapping the code."
        )
    learner, _ = found
    learner.learn(request, unmapped, entry, by, channel)
