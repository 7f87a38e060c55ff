"""Use cases of requests and procedures: the only code that writes them (one transaction each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, changed, create_audited, record, snapshot
from irsuite.cases import hooks
from irsuite.cases.models import (
    CatalogueEntry,
    Priority,
    Procedure,
    Request,
    RequestStatus,
    RequestTransition,
)
from irsuite.cases.procedures.defaults import (
    add_starting_team,
    procedure_defaults,
    starting_sedation,
)
from irsuite.domain.accession import new_accession_number
from irsuite.domain.coding import invalid_icd10_codes, normalise_icd10
from irsuite.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from irsuite.patients.models import Patient
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import Capability, StaffRole

User = Actor
REASON_REQUIRED = frozenset({RequestStatus.REJECTED, RequestStatus.CANCELLED})

S = RequestStatus
C = Capability
# Who may move a request to each status by hand (any one of the capabilities). The vetting
# moves are the vetting team's, the booking moves the schedulers', readiness the work-up's.
MOVE_RIGHTS: dict[str, tuple[Capability, ...]] = {
    S.VETTED: (C.VET_REQUEST, C.SCHEDULE),  # accepted, or unbooked back to vetted
    S.REQUESTED: (C.VET_REQUEST,),
    S.REJECTED: (C.VET_REQUEST,),
    S.SCHEDULED: (C.SCHEDULE, C.RECORD_PROCEDURE, C.WORKUP),  # booked, or no longer ready
    S.READY: (C.RECORD_PROCEDURE, C.WORKUP),
    S.CANCELLED: (C.CREATE_REQUEST, C.VET_REQUEST, C.SCHEDULE),
}
# No one moves a request to these by hand: each is what a use case does.
SERVICE_ONLY: dict[str, str] = {
    S.IN_PROGRESS: "its procedure is started (the start checks consent and the time-out)",
    S.COMPLETED: "an attending signs its procedure",
}


def catalogue_entry(code: str) -> CatalogueEntry:
    """The active catalogue entry with this code, or a NotFound naming it."""
    entry = CatalogueEntry.objects.filter(code=code.strip().upper(), active=True).first()
    if entry is None:
        raise NotFound(
            f"The catalogue has no procedure with code {code!r}; pick one from the catalogue."
        )
    return entry


def _clean_codes(codes: Iterable[str]) -> list[str]:
    written = [c for c in codes if c.strip()]
    bad = invalid_icd10_codes(written)
    if bad:
        raise ValidationFailed(
            f"Not an ICD-10-CM code: {', '.join(bad)}. Use the form letter, two digits, "
            "then an optional dot and up to four characters (e.g. K83.1).",
            {"icd10_codes": bad},
        )
    return [normalise_icd10(c) for c in written]


@transaction.atomic
def create_request(
    *,
    by: User,
    patient: Patient,
    site: Site,
    entry: CatalogueEntry,
    indication: str,
    icd10_codes: Iterable[str] = (),
    priority: str = Priority.ROUTINE,
    referrer: Staff | None = None,
    referring_service: str = "",
    due_date: dt.date | None = None,
    requested_at: dt.datetime | None = None,
    channel: str = "web",
    placer_order_number: str = "",
    unmapped_code: str = "",
    unmapped_text: str = "",
) -> Request:
    """Record a new request (order) for a procedure (from the hospital: with the placer's
    order number, and the ordered code when it was not mapped to the catalogue)."""
    if not indication.strip():
        raise ValidationFailed("The indication is required: say why the procedure is needed.")
    if priority not in Priority.values:
        raise ValidationFailed(
            f"Priority {priority!r} is unknown; use routine, urgent or emergent."
        )
    me = staff_of(by)
    if me is not None and me.role == StaffRole.REFERRER:
        referrer = me  # referrers always request in their own name
    request = Request.objects.create(
        patient=patient,
        site=site,
        referrer=referrer,
        referring_service=referring_service,
        catalogue_entry=entry,
        indication=indication.strip(),
        icd10_codes=_clean_codes(icd10_codes),
        priority=priority,
        accession_number=_unused_accession_number(),
        requested_at=requested_at or timezone.now(),
        due_date=due_date,
        created_by=by if by is not None and by.is_authenticated else None,
        placer_order_number=placer_order_number,
        unmapped_code=unmapped_code,
        unmapped_text=unmapped_text,
    )
    record(
        by,
        AuditAction.CREATE,
        request,
        patient_id=patient.pk,
        after=snapshot(request),
        summary=f"request {request.accession_number} for {entry.code}",
        channel=channel,
    )
    return request


def _unused_accession_number() -> str:
    """A random accession number no request has (domain.accession: not guessable from another
    one; a clash is a one-in-a-quadrillion event, so a few tries always suffice)."""
    for _ in range(5):
        number = new_accession_number()
        if not Request.objects.filter(accession_number=number).exists():
            return number
    raise Conflict("Could not issue an accession number; try again.")


def _check_version(obj: Request | Procedure, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise Conflict(
            "Someone else saved this record while you were editing it. Reload the page to see "
            "their changes, then make yours again.",
            {"current_version": obj.version, "your_version": version},
        )


def _check_move(to_status: str, by: User, via_service: bool) -> None:
    if to_status in SERVICE_ONLY and not via_service:
        raise Conflict(
            f"A request becomes {RequestStatus(to_status).label.lower()} only when "
            f"{SERVICE_ONLY[to_status]}."
        )
    needed = MOVE_RIGHTS.get(to_status)
    acting = by is not None and getattr(by, "is_authenticated", False)
    if not via_service and needed and acting and not has_capability(by, *needed):
        raise NotAllowed(
            f"Your role cannot make a request {RequestStatus(to_status).label.lower()}."
        )


@transaction.atomic
def transition(
    request: Request,
    to_status: str,
    *,
    by: User,
    reason: str = "",
    channel: str = "web",
    via_service: bool = False,
) -> Request:
    """Move a request along its workflow, recording who, when and why.

    Each move by hand needs its capability (MOVE_RIGHTS); "in progress" and "completed" are
    reached only through `start_procedure` and signing (`via_service`). Guards the clinical
    areas register (the work-up, consent and checklist gates) may refuse a move.
    """
    _check_move(to_status, by, via_service)
    request = Request.objects.select_for_update().get(pk=request.pk)
    if not request.can_move_to(to_status):
        raise Conflict(
            f"A {request.get_status_display().lower()} request cannot become "
            f"{RequestStatus(to_status).label.lower()}."
        )
    if to_status in REASON_REQUIRED and not reason.strip():
        raise ValidationFailed("Give a reason when rejecting or cancelling a request.")
    for guard in hooks.TRANSITION_GUARDS.get(to_status, []):
        guard(request, to_status, by, reason)
    from_status = request.status
    request.status = to_status
    request.version += 1
    request.save(update_fields=["status", "version", "updated_at"])
    RequestTransition.objects.create(
        request=request,
        from_status=from_status,
        to_status=to_status,
        by=by if by is not None and by.is_authenticated else None,
        at=timezone.now(),
        reason=reason,
    )
    record(
        by,
        AuditAction.TRANSITION,
        request,
        patient_id=request.patient_id,
        before={"status": from_status},
        after={"status": to_status},
        reason=reason,
        summary=f"{request.accession_number} {from_status} → {to_status}",
        channel=channel,
    )
    for after in hooks.AFTER_TRANSITION:
        after(request, from_status, to_status, by)
    return request


def vet(request: Request, *, by: User, accept: bool, note: str, channel: str = "web") -> Request:
    """Accept (vetted) or reject a request, keeping the vetting note."""
    if not has_capability(by, Capability.VET_REQUEST):
        raise NotAllowed("Only attendings and fellows vet requests.")
    with transaction.atomic():
        Request.objects.filter(pk=request.pk).update(vetting_note=note)
        target = RequestStatus.VETTED if accept else RequestStatus.REJECTED
        return transition(request, target, by=by, reason=note, channel=channel)


@transaction.atomic
def schedule_request(
    request: Request,
    *,
    room: Room,
    start: dt.datetime,
    by: User,
    duration_min: int | None = None,
    channel: str = "web",
    note: str = "",
) -> Request:
    """Book a vetted request into a room and time (or move an existing booking).

    The booking, or the move from where it was, goes into the request's history with ``note``
    (what made it: a proposal, an add-on).
    """
    request = Request.objects.select_for_update().get(pk=request.pk)
    was = _where(request.room, request.scheduled_start)
    if request.status not in {RequestStatus.VETTED, RequestStatus.SCHEDULED, RequestStatus.READY}:
        raise Conflict("Only a vetted request can be scheduled; vet it first.")
    if timezone.is_naive(start):
        start = timezone.make_aware(start)
    minutes = duration_min or request.catalogue_entry.default_duration_min
    end = start + dt.timedelta(minutes=minutes)
    for hook in hooks.SCHEDULE_HOOKS:
        hook(request, room, start, end, by)
    before = {"room": request.room_id, "start": request.scheduled_start}
    request.room, request.scheduled_start, request.scheduled_end = room, start, end
    request.version += 1
    request.save(update_fields=["room", "scheduled_start", "scheduled_end", "version"])
    record(
        by,
        AuditAction.CHANGE,
        request,
        patient_id=request.patient_id,
        before=before,
        after={"room": room.pk, "start": start},
        summary="booked",
        channel=channel,
    )
    now = _where(room, start)
    if request.status == RequestStatus.VETTED:
        reason = _joined(f"Booked: {now}.", note)
        return transition(request, RequestStatus.SCHEDULED, by=by, channel=channel, reason=reason)
    if was != now:
        note_in_history(request, by=by, text=_joined(f"Booking moved from {was} to {now}.", note))
    return request


def _where(room: Room | None, start: dt.datetime | None) -> str:
    if room is None or start is None:
        return "not booked"
    return f"{room.name}, {date_format(timezone.localtime(start), 'DATETIME_FORMAT')}"


def _joined(text: str, note: str) -> str:
    return f"{text} {note.strip()}" if note.strip() else text


def note_in_history(request: Request, *, by: User, text: str) -> None:
    """Add a line to the request's history without changing its status (a booking moved, a
    pinned booking released for rescheduling)."""
    RequestTransition.objects.create(
        request=request,
        from_status=request.status,
        to_status=request.status,
        by=by if by is not None and by.is_authenticated else None,
        at=timezone.now(),
        reason=text,
    )


@transaction.atomic
def start_procedure(
    request: Request, *, by: User, channel: str = "web", override_reason: str = ""
) -> Procedure:
    """Open the procedure record of a ready request; the request is then in progress.

    The start gates registered by the safety area apply (signed consent where the catalogue
    entry requires it; sign-in and time-out done). In an emergency an attending may start
    anyway with `override_reason`, which the gates record as an audited override.
    """
    if not has_capability(by, Capability.RECORD_PROCEDURE):
        raise NotAllowed("Your role cannot record procedures.")
    if request.room is None:
        raise Conflict("Schedule the request into a room before starting the procedure.")
    request = transition(
        request,
        RequestStatus.IN_PROGRESS,
        by=by,
        reason=override_reason,
        channel=channel,
        via_service=True,
    )
    now = timezone.now()
    day = timezone.localdate(request.scheduled_start) if request.scheduled_start else now.date()
    starts = procedure_defaults(request)
    room = request.room
    assert room is not None  # checked above
    procedure = create_audited(
        Procedure,
        actor=by,
        patient_id=request.patient_id,
        summary="procedure record opened",
        channel=channel,
        request=request,
        room=room,
        day=day,
        guidance=list(request.catalogue_entry.guidance),
        **starting_sedation(starts),
    )
    procedure.entries.add(request.catalogue_entry)
    add_starting_team(procedure, starts, by=by, channel=channel)
    return procedure


def locked_message() -> str:
    return "This procedure is signed and locked; add an addendum instead."


def update_procedure(
    procedure: Procedure,
    *,
    by: User,
    version: int | None,
    fields: dict[str, Any],
    entries: list[CatalogueEntry] | None = None,
    channel: str = "web",
) -> Procedure:
    """Change a draft procedure; a stale `version` is refused (never a silent overwrite)."""
    from irsuite.cases.procedures.rules import validate_procedure_fields

    with transaction.atomic():
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.is_signed:
            raise Conflict(locked_message())
        _check_version(procedure, version)
        before = snapshot(procedure)
        for name, value in fields.items():
            setattr(procedure, name, value)
        validate_procedure_fields(procedure)
        procedure.version += 1
        procedure.save()
        if entries is not None:
            if not entries:
                raise ValidationFailed("A procedure performs at least one catalogue entry.")
            procedure.entries.set(entries)
        after = snapshot(procedure)
        record(
            by,
            AuditAction.CHANGE,
            procedure,
            patient_id=procedure.request.patient_id,
            before=before,
            after=changed(before, after),
            summary="procedure updated",
            channel=channel,
        )
        return procedure
