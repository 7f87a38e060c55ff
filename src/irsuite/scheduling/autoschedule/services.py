"""Propose a week for a site with the CP-SAT auto-scheduler, then book what the scheduler accepts.

A proposal is asked for (``request_proposal``), computed (``compute_proposal``: a background
task may run it, given only the proposal's and the actor's ids) and kept with the state it was
computed from, so that applying it later (``apply_proposal``) checks each placement again and
moves nothing that changed since; ``propose`` does the first two at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as DjangoUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import Request, RequestStatus
from irsuite.domain import booking as domain
from irsuite.domain.booking.recheck import CONFIRMABLE, Placing, Recheck, recheck
from irsuite.errors import Conflict, NotAllowed, ServiceError, ValidationFailed
from irsuite.people.access import UserLike
from irsuite.people.models import Room, Site
from irsuite.scheduling.autoschedule.models import (
    ACTIONABLE,
    PlacementOutcome,
    ProposalStatus,
    ScheduleProposal,
)
from irsuite.scheduling.autoschedule.queries import (
    DEFAULT_DUE,
    as_domain,
    backlog,
    backlog_requests,
    basis_of,
    local_monday,
    read_state,
    request_state,
    week_bookings,
    week_resources,
)
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.booking.services import book, duration_of, ensure_can_schedule, move
from irsuite.scheduling.reference import scheduling_reference

User = UserLike
log = logging.getLogger(__name__)

# The solver time a scheduler may give a week's proposal, in seconds.
MIN_TIME_LIMIT_S, DEFAULT_TIME_LIMIT_S, MAX_TIME_LIMIT_S = 1, 10, 60
# CP-SAT workers of a proposal (two suit the machines irsuite runs on).
SOLVER_WORKERS = 2

__all__ = [
    "DEFAULT_DUE",
    "DEFAULT_TIME_LIMIT_S",
    "MAX_TIME_LIMIT_S",
    "MIN_TIME_LIMIT_S",
    "Accepted",
    "ApplyResult",
    "Refusal",
    "apply_proposal",
    "backlog",
    "compute_proposal",
    "discard_proposal",
    "local_monday",
    "propose",
    "request_proposal",
    "week_resources",
]


def _stored(proposal: domain.Proposal) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    placements = [
        {
            "request": int(p.request),
            "room": int(p.room),
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "on_time": p.on_time,
        }
        for p in proposal.placements
    ]
    unscheduled: list[dict[str, object]] = [
        {"request": int(u.request), "reason": u.reason.value, "text": u.explanation}
        for u in proposal.unscheduled
    ]
    return placements, unscheduled


def request_proposal(
    site: Site, monday: dt.date, *, by: User, time_limit_s: float = DEFAULT_TIME_LIMIT_S
) -> ScheduleProposal:
    """Ask for a proposal of the week starting ``monday``; ``compute_proposal`` fills it in."""
    ensure_can_schedule(by)
    if monday.weekday() != 0:
        raise ValidationFailed("A proposal covers a week: choose a Monday.")
    if not MIN_TIME_LIMIT_S <= time_limit_s <= MAX_TIME_LIMIT_S:
        raise ValidationFailed(
            f"Give the solver between {MIN_TIME_LIMIT_S} and {MAX_TIME_LIMIT_S} seconds."
        )
    return ScheduleProposal.objects.create(
        site=site,
        week_start=monday,
        created_by=by if isinstance(by, DjangoUser) else None,
        status=ProposalStatus.COMPUTING,
        time_limit_s=time_limit_s,
    )


def _actor(actor_id: int | None) -> User:
    if actor_id is None:
        raise NotAllowed("A proposal is computed for a scheduler; none was given.")
    return get_user_model().objects.filter(pk=actor_id).first()


def _failed(proposal: ScheduleProposal, why: str) -> None:
    proposal.status, proposal.failure = ProposalStatus.FAILED, why
    proposal.save(update_fields=["status", "failure"])


def compute_proposal(
    proposal_id: int, actor_id: int | None, *, workers: int = SOLVER_WORKERS
) -> ScheduleProposal:
    """Run the auto-scheduler on the site's vetted backlog and keep its proposal with the state
    it was computed from (each backlog request's version, each booking of the week's).

    Safe to run again: a proposal already computed is returned as it is. One worker searches
    the same way on every run; more find a good week sooner.
    """
    proposal = ScheduleProposal.objects.select_related("site").get(pk=proposal_id)
    if proposal.status != ProposalStatus.COMPUTING:
        return proposal
    try:
        ensure_can_schedule(_actor(actor_id))
    except NotAllowed as exc:
        _failed(proposal, exc.message)
        raise
    # OR-Tools takes seconds to import: only the processes that solve a week pay for it.
    from irsuite.domain.booking.cpsat import SolverOptions, propose_week

    try:
        with transaction.atomic():  # one snapshot: the backlog and the week it is planned around
            requests = backlog_requests(proposal.site)
            basis = basis_of(requests, week_bookings(local_monday(proposal.week_start)))
            resources = week_resources(proposal.site, proposal.week_start, timezone.now())
            wanted = as_domain(requests)
        options = SolverOptions(time_limit_s=proposal.time_limit_s, workers=workers)
        found = propose_week(wanted, resources, scheduling_reference(), options)
    except Exception as exc:
        log.exception("auto-schedule proposal %s failed", proposal.pk)
        _failed(proposal, f"{type(exc).__name__}: {exc}")
        raise
    proposal.placements, proposal.unscheduled = _stored(found)
    proposal.basis = basis
    proposal.solver_status, proposal.value = found.status.value, found.value
    proposal.bound, proposal.wall_time_s = found.bound, found.wall_time_s
    proposal.computed_at, proposal.status = timezone.now(), ProposalStatus.OPEN
    proposal.save()
    return proposal


def propose(
    site: Site,
    monday: dt.date,
    *,
    by: User,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    workers: int = SOLVER_WORKERS,
) -> ScheduleProposal:
    """Ask for and compute a proposal while the caller waits."""
    proposal = request_proposal(site, monday, by=by, time_limit_s=time_limit_s)
    return compute_proposal(proposal.pk, getattr(by, "pk", None), workers=workers)


@dataclass(frozen=True)
class Accepted:
    """One placement the scheduler accepted, possibly edited (room, start); ``confirmed`` when
    the scheduler books it although its request changed since the proposal was computed."""

    request: int
    room: int
    start: dt.datetime
    confirmed: bool = False


@dataclass(frozen=True)
class Refusal:
    """A placement not booked: why (``code``, a Recheck value or "booking"), in words, and
    whether confirming the placement would book it."""

    request: int
    code: str
    text: str
    confirmable: bool = False


@dataclass(frozen=True)
class ApplyResult:
    booked: list[Booking]
    refused: list[Refusal]


def _where(booking: Booking) -> str:
    start = timezone.localtime(booking.start)
    return f"{booking.room.name}, {date_format(start, 'DATETIME_FORMAT')}"


def _explain(code: Recheck, request: Request, booking: Booking | None, then: str | None) -> str:
    """The refusal in words: what changed or holds the case, and what to do."""
    release = "Release the booking by hand on the request page to let the proposal move it."
    if code is Recheck.PINNED_ADD_ON and booking is not None:
        return f"Not moved: it is booked as an emergency add-on ({_where(booking)}). {release}"
    if code is Recheck.PINNED_OPERATOR and booking is not None:
        who = booking.operator.display_name if booking.operator else "its operator"
        return f"Not moved: its booking ({_where(booking)}) has {who} assigned. {release}"
    if code is Recheck.IN_THE_PAST:
        return "Not booked: the proposed start has passed. Choose a later time."
    if code is Recheck.AFTER_DUE_DATE:
        due = date_format(request.due_date) if request.due_date else "its due date"
        return f"Not booked: it would end after its due date ({due}). Choose a time by then."
    confirm = "Tick “book anyway” to book it at the proposed time."
    if booking is not None:
        return (
            f"Not moved: it was booked since the proposal was made ({_where(booking)}). {confirm}"
        )
    if then is not None and then != request.status:
        was, now = RequestStatus(then).label.lower(), request.get_status_display().lower()
        return f"Not booked: the request was {was} and is now {now}. {confirm}"
    return f"Not booked: the request was changed since the proposal was made. {confirm}"


def _apply_one(
    proposal: ScheduleProposal, item: Accepted, room: Room | None, by: User
) -> Booking | Refusal:
    """Check one placement against its request now and book it, or say why not."""
    request = Request.objects.filter(pk=item.request, site=proposal.site).first()
    if request is None or room is None:
        return Refusal(item.request, "site", "The request or room is not part of this site.")
    request = Request.objects.select_for_update().select_related("site").get(pk=request.pk)
    booking = Booking.objects.select_related("room", "operator").filter(request=request).first()
    minutes = booking.minutes if booking else duration_of(request)
    end = timezone.localtime(item.start + dt.timedelta(minutes=minutes))
    placing = Placing(item.start, (end - dt.timedelta(microseconds=1)).date(), request.due_date)
    stored = proposal.basis.get("requests", {}).get(str(request.pk))
    code = recheck(
        read_state(stored),
        request_state(request, booking),
        placing,
        moment=timezone.now(),
        confirmed=item.confirmed,
    )
    if code is not None:
        then = stored.get("status") if stored else None
        text = _explain(code, request, booking, then)
        return Refusal(item.request, code.value, text, code in CONFIRMABLE)
    note = f"From the auto-schedule proposal for the week of {date_format(proposal.week_start)}."
    if booking is not None:
        return move(booking, room=room, start=item.start, by=by, note=note)
    return book(request, room=room, start=item.start, by=by, note=note)


def _outcome(done: Booking | Refusal) -> dict[str, object]:
    if isinstance(done, Booking):
        return {"state": PlacementOutcome.BOOKED.value, "text": "Booked."}
    state = PlacementOutcome.CONFLICT if done.confirmable else PlacementOutcome.REFUSED
    return {"state": state.value, "code": done.code, "text": done.text}


def apply_placements(
    proposal: ScheduleProposal, accepted: Sequence[Accepted], *, by: User
) -> ApplyResult:
    """Apply each accepted placement in its own transaction; note each outcome on the
    proposal's placement (the caller saves the proposal)."""
    rooms = {r.pk: r for r in Room.objects.filter(site=proposal.site)}
    rows = {int(p["request"]): p for p in proposal.placements}
    booked: list[Booking] = []
    refused: list[Refusal] = []
    for item in accepted:
        row = rows.get(item.request)
        if row is not None and row.get("outcome", {}).get("state") == PlacementOutcome.BOOKED:
            continue  # booked by an earlier apply of this proposal
        try:
            with transaction.atomic():
                done = _apply_one(proposal, item, rooms.get(item.room), by)
        except ServiceError as exc:
            done = Refusal(item.request, "booking", exc.message)
        (booked if isinstance(done, Booking) else refused).append(done)  # type: ignore[arg-type]
        if row is not None:
            row["outcome"] = _outcome(done)
    return ApplyResult(booked, refused)


def apply_proposal(
    proposal: ScheduleProposal | int, accepted: Sequence[Accepted], *, by: User
) -> ApplyResult:
    """Book each accepted placement after checking it again against its request now.

    Nothing that changed since the proposal was computed is moved unless the scheduler
    confirmed that placement; a pinned booking (an emergency add-on, or one with its operator)
    is never moved until released by hand; no case is booked after its due date. Each booking
    or move is written in the request's history; each refusal says what to resolve. The
    proposal stays open in part while conflicts remain.
    """
    ensure_can_schedule(by)
    pk = proposal if isinstance(proposal, int) else proposal.pk
    with transaction.atomic():
        locked = ScheduleProposal.objects.select_for_update().select_related("site").get(pk=pk)
        if locked.status not in ACTIONABLE:
            raise Conflict("This proposal was already applied or discarded; run a new one.")
        result = apply_placements(locked, accepted, by=by)
        open_rows = [
            p
            for p in locked.placements
            if p.get("outcome", {}).get("state")
            in (PlacementOutcome.CONFLICT, PlacementOutcome.REFUSED)
        ]
        locked.status = ProposalStatus.PARTLY_APPLIED if open_rows else ProposalStatus.APPLIED
        locked.applied_at = timezone.now()
        locked.applied_by = by if isinstance(by, DjangoUser) else None
        locked.save(update_fields=["placements", "status", "applied_at", "applied_by"])
        record(
            by,
            AuditAction.CHANGE,
            locked,
            after={"booked": [b.request_id for b in result.booked], "status": locked.status},
            summary=(
                f"proposal for the week of {locked.week_start} applied: "
                f"{len(result.booked)} booked, {len(result.refused)} not booked"
            ),
        )
    if isinstance(proposal, ScheduleProposal):
        proposal.refresh_from_db()
    return result


def discard_proposal(proposal: ScheduleProposal, *, by: User) -> ScheduleProposal:
    """Set a proposal aside without booking any more of it."""
    ensure_can_schedule(by)
    proposal.status = ProposalStatus.DISCARDED
    proposal.save(update_fields=["status"])
    return proposal
