"""MPPS use cases: a modality reports a step in progress, then completed or discontinued.

IN PROGRESS starts each matched request's procedure through the cases start service, so the
consent and time-out gates apply; a refused start is kept (not accepted) for the team to see
and answered as a failure. COMPLETED or DISCONTINUED stamps the end time and takes the steps
off the worklist; the operator still finishes and signs the record. A step that matches no
scheduled step is kept for the team to link. One transaction per message.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import Procedure, Request, RequestStatus
from irsuite.cases.requests.services import start_procedure, update_procedure
from irsuite.errors import Conflict, ServiceError, ValidationFailed
from irsuite.interop.dicom.actor import modality_actor
from irsuite.interop.dicom.models import (
    MatchedBy,
    PerformedStep,
    PpsStatus,
    ScheduledStep,
    StepStatus,
)
from irsuite.interop.dicom.peers import AUDIT_CHANNEL, room_of_caller
from irsuite.interop.dicom.worklist.services import take_off_worklist

log = logging.getLogger(__name__)


class DuplicateInstance(Conflict):
    """An N-CREATE for an instance that exists (0x0111)."""


class MissingAttribute(ValidationFailed):
    """A Type 1 attribute is absent (0x0120 Missing Attribute)."""


class NothingReferenced(ValidationFailed):
    """An N-CREATE whose references and patient ID are all empty: nothing could ever link it
    to a request (0x0121 Missing Attribute Value)."""


class NoSuchInstance(ServiceError):
    """An N-SET for an instance irsuite does not have (0x0112)."""


class AlreadyFinal(Conflict):
    """A change after COMPLETED or DISCONTINUED (0x0110)."""


class StartRefused(Conflict):
    """The procedure could not start (a gate, or the request is not ready); `comment` is the
    short reason for the modality's screen (an error comment holds 64 characters)."""

    def __init__(self, message: str, comment: str) -> None:
        super().__init__(message)
        self.comment = comment


@dataclass(frozen=True)
class StepReference:
    """One item of the Scheduled Step Attributes Sequence (0040,0270)."""

    sps_id: str = ""
    accession_number: str = ""
    study_instance_uid: str = ""


@dataclass(frozen=True)
class PpsMessage:
    """What an N-CREATE or N-SET said, read from its dataset (absent values are None)."""

    status: str | None = None
    references: tuple[StepReference, ...] = ()
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    pps_id: str | None = None
    description: str | None = None
    station_name: str | None = None
    modality: str | None = None
    patient_name: str | None = None
    patient_id: str | None = None
    discontinuation_reason: str | None = None
    series_count: int | None = None
    image_count: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# Messages here become the modality's error comment (0000,0902): 64 characters at most.
def _status(value: str | None, *, creating: bool) -> PpsStatus | None:
    if value is None:
        if creating:  # Type 1 in an N-CREATE (PS3.4 Table F.7.2-1)
            raise MissingAttribute("No Performed Procedure Step Status; send IN PROGRESS.")
        return None
    try:
        status = PpsStatus(value.strip().upper())
    except ValueError:
        raise ValidationFailed(
            "PPS status unknown; use IN PROGRESS, COMPLETED or DISCONTINUED"
        ) from None
    if creating and status != PpsStatus.IN_PROGRESS:
        raise ValidationFailed("An N-CREATE must have the status IN PROGRESS.")
    return status


def _check_linkable(message: PpsMessage) -> None:
    """An N-CREATE must name something a step can be linked by: a scheduled step, accession
    number or study (Scheduled Step Attributes Sequence), or at least the patient ID."""
    named = any(r.sps_id or r.accession_number or r.study_instance_uid for r in message.references)
    if not named and not (message.patient_id or "").strip():
        raise NothingReferenced("Nothing to link: no SPS ID, accession, study UID or patient ID")


def match_steps(references: tuple[StepReference, ...]) -> tuple[list[ScheduledStep], str]:
    """The scheduled steps referenced: by SPS ID, else accession number, else Study UID."""
    for attr, how in (
        ("sps_id", MatchedBy.SPS),
        ("accession_number", MatchedBy.ACCESSION),
        ("study_instance_uid", MatchedBy.STUDY_UID),
    ):
        values = {getattr(r, attr).strip() for r in references if getattr(r, attr).strip()}
        if values:
            found = list(
                ScheduledStep.objects.select_related("request")
                .filter(**{f"{attr}__in": values})
                .order_by("pk")
            )
            if found:
                return found, how
    return [], MatchedBy.NONE


def _start(request: Request, actor: AbstractBaseUser) -> Procedure:
    existing = Procedure.objects.filter(request=request).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return start_procedure(request, by=actor, channel=AUDIT_CHANNEL)
    except ServiceError as error:
        detail = error.detail if isinstance(error.detail, dict) else {}
        problems = detail.get("problems") or [error.message]
        raise StartRefused(
            f"Request {request.accession_number}: {error.message}",
            "Not started: " + "; ".join(problems),
        ) from None


def stamp(pps: PerformedStep, procedure: Procedure, times: dict[str, dt.datetime | None]) -> None:
    """Write the step's times into the procedure's empty time fields (typed times win)."""
    procedure = Procedure.objects.get(pk=procedure.pk)
    if procedure.is_signed:
        return
    fields = {
        name: value
        for name, value in times.items()
        if value is not None and getattr(procedure, name) is None
    }
    if not fields:
        return
    try:
        with transaction.atomic():
            update_procedure(
                procedure, by=modality_actor(), version=None, fields=fields, channel=AUDIT_CHANNEL
            )
    except ServiceError as refused:
        # The modality's clock disagrees with the record's rules (a time in the future, an
        # end before the start): the times are left for the team to type.
        log.warning("dicom mpps: times not stamped on procedure %s: %s", procedure.pk, refused)
        return
    pps.stamped = {**pps.stamped, **{k: v.isoformat() for k, v in fields.items()}}


def _fill(pps: PerformedStep, message: PpsMessage) -> None:
    for name in (
        "pps_id", "description", "station_name", "modality", "patient_name", "patient_id",
        "discontinuation_reason", "series_count", "image_count", "started_at", "ended_at",
    ):  # fmt: skip
        value = getattr(message, name)
        if value is not None:
            limit = getattr(PerformedStep._meta.get_field(name), "max_length", None)
            setattr(pps, name, value[:limit] if limit and isinstance(value, str) else value)
    if message.status is not None:
        pps.status = PpsStatus(message.status.strip().upper())
    ref = next(iter(message.references), None)
    if ref is not None:
        pps.accession_number = pps.accession_number or ref.accession_number[:16]
        pps.study_instance_uid = pps.study_instance_uid or ref.study_instance_uid[:64]


def _audit(pps: PerformedStep, summary: str, patient_id: int | None = None) -> None:
    record(
        None,
        AuditAction.CREATE if summary.startswith("MPPS received") else AuditAction.CHANGE,
        pps,
        patient_id=patient_id,
        summary=summary,
        channel=AUDIT_CHANNEL,
    )


def _patient_of(steps: list[ScheduledStep]) -> int | None:
    return steps[0].request.patient_id if steps else None


@transaction.atomic
def create_performed_step(uid: str, message: PpsMessage, calling: str) -> PerformedStep:
    """N-CREATE: record the step IN PROGRESS and start the procedures it performs.

    A refused start is kept with `accepted=False` and its reason (the caller answers a
    failure); the same instance may be sent again once the team has fixed what was missing.
    """
    _status(message.status, creating=True)
    _check_linkable(message)
    held = PerformedStep.objects.select_for_update().filter(sop_instance_uid=uid).first()
    if held is not None and held.accepted:
        raise DuplicateInstance("This MPPS instance exists already; send an N-SET to change it.")
    pps = held or PerformedStep(sop_instance_uid=uid, calling_ae_title=calling.strip()[:16])
    room = room_of_caller(calling)
    pps.room = room
    _fill(pps, message)
    pps.day = timezone.localdate(pps.started_at) if pps.started_at else timezone.localdate()
    steps, how = match_steps(message.references)
    pps.matched_by = how
    try:
        with transaction.atomic():
            procedures = _start_all(steps)
    except StartRefused as refused:
        pps.accepted, pps.start_problem = False, refused.message
        pps.refusal_comment = refused.comment  # type: ignore[attr-defined]
        pps.save()
        pps.steps.set(steps)
        _audit(pps, "MPPS received: procedure start refused", _patient_of(steps))
        return pps
    pps.accepted, pps.start_problem = True, ""
    pps.procedure = procedures[0] if procedures else None
    pps.save()
    pps.steps.set(steps)
    for step in steps:
        step.status = StepStatus.STARTED
        step.save(update_fields=["status", "updated_at"])
    for procedure in procedures:
        stamp(pps, procedure, {"in_room_at": pps.started_at, "start_at": pps.started_at})
    pps.save(update_fields=["stamped"])
    _audit(pps, f"MPPS received: in progress, {len(steps)} step(s)", _patient_of(steps))
    return pps


def _start_all(steps: list[ScheduledStep]) -> list[Procedure]:
    actor = modality_actor()
    procedures: list[Procedure] = []
    for step in steps:
        request = Request.objects.get(pk=step.request_id)
        if request.status in (RequestStatus.CANCELLED, RequestStatus.REJECTED):
            raise StartRefused(
                f"Request {request.accession_number} is {request.status}.",
                f"Not started: the request is {request.status}",
            )
        procedure = _start(request, actor)
        if procedure not in procedures:
            procedures.append(procedure)
    return procedures


@transaction.atomic
def set_performed_step(uid: str, message: PpsMessage) -> PerformedStep:
    """N-SET: record what was performed; COMPLETED or DISCONTINUED end the step."""
    pps = (
        PerformedStep.objects.select_for_update()
        .filter(sop_instance_uid=uid, accepted=True)
        .first()
    )
    if pps is None:
        raise NoSuchInstance("No MPPS instance has this UID here; send an N-CREATE first.")
    if pps.is_final:
        raise AlreadyFinal(f"This MPPS is {pps.status} already; it cannot change any more.")
    _status(message.status, creating=False)
    _fill(pps, message)
    pps.save()
    if pps.is_final:
        _finish(pps)
    _audit(
        pps,
        f"MPPS {pps.status.lower()}",
        pps.procedure.request.patient_id if pps.procedure else None,
    )
    return pps


def _finish(pps: PerformedStep) -> None:
    ended = pps.ended_at or timezone.now()
    outcome = StepStatus.COMPLETED if pps.status == PpsStatus.COMPLETED else StepStatus.DISCONTINUED
    procedures = {
        s.request.procedure
        for s in pps.steps.select_related("request__procedure")
        if hasattr(s.request, "procedure")
    }
    for step in pps.steps.all():
        take_off_worklist(step, outcome)
    for procedure in procedures:
        stamp(pps, procedure, {"end_at": ended})
    pps.save(update_fields=["stamped"])


@transaction.atomic
def link_performed_step(pps: PerformedStep, accession_number: str, *, by: Any) -> PerformedStep:
    """The team links an unmatched step to the request it performed (by accession number).

    The step joins the request's scheduled step and, once the procedure is open, stamps its
    times into the empty ones. Needs RECORD_PROCEDURE and the request in the user's reach.
    """
    from irsuite.people.policy import check, scoped
    from irsuite.people.roles import Capability

    check(by, Capability.RECORD_PROCEDURE)
    pps = PerformedStep.objects.select_for_update().get(pk=pps.pk)
    if pps.matched_by:
        raise Conflict("This step is linked already; reload the page.")
    reachable = scoped(by, Capability.RECORD_PROCEDURE, Request.objects.all())
    step = (
        ScheduledStep.objects.select_related("request")
        .filter(accession_number=accession_number.strip(), request__in=reachable)
        .first()
    )
    if step is None:
        raise ValidationFailed(
            "No scheduled request has that accession number; check it on the request page."
        )
    pps.matched_by = MatchedBy.HAND
    pps.steps.add(step)
    pps.procedure = Procedure.objects.filter(request=step.request).first()
    pps.save(update_fields=["matched_by", "procedure", "updated_at"])
    record(
        by,
        AuditAction.CHANGE,
        pps,
        patient_id=step.request.patient_id,
        after={"request": step.request_id},
        summary="MPPS linked to a request by hand",
        channel="web",
    )
    if pps.procedure is not None:
        stamp(pps, pps.procedure, {"in_room_at": pps.started_at, "start_at": pps.started_at})
        if pps.is_final:
            take_off_worklist(step, StepStatus(pps.status))
            stamp(pps, pps.procedure, {"end_at": pps.ended_at})
        pps.save(update_fields=["stamped"])
    return pps
