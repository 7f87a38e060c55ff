"""Swapping on-call duties: offer, accept, then a chief's approval, checked before it applies."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.domain.roster import Swap, check_swap
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.roster.models import AssignmentSource, PeriodStatus, RosterAssignment
from irsuite.scheduling.roster.queries import domain_roster, period_problem
from irsuite.scheduling.swaps.models import SwapRequest, SwapStatus


def _as_swap(swap: SwapRequest) -> Swap:
    a, back = swap.assignment, swap.back_assignment
    return Swap(
        giver=str(swap.giver_id),
        taker=str(swap.taker_id),
        day=a.day,
        call_type=a.call_type.name,
        back_day=back.day if back else None,
        back_call_type=back.call_type.name if back else None,
    )


def swap_problems(swap: SwapRequest) -> list[str]:
    """The rules the swap would break on the roster as it stands now."""
    period = swap.assignment.period
    found = check_swap(period_problem(period), domain_roster(period), _as_swap(swap))
    return [v.message for v in found]


@transaction.atomic
def offer_swap(
    assignment: RosterAssignment,
    taker: Staff,
    by: UserLike,
    back: RosterAssignment | None = None,
    note: str = "",
) -> SwapRequest:
    """Offer ``assignment`` to ``taker`` (optionally taking ``back``, one of the taker's
    duties). Only the person on the duty, or a roster manager, may offer it."""
    me = staff_of(by)
    if (me is None or me.pk != assignment.staff_id) and not has_capability(
        by, Capability.MANAGE_ROSTER
    ):
        raise NotAllowed("Only the person on this duty, or a roster manager, can offer it.")
    if assignment.period.status != PeriodStatus.PUBLISHED:
        raise Conflict("Swaps are for published rosters; edit the draft instead.")
    if taker.pk == assignment.staff_id:
        raise ValidationFailed("Offer the duty to someone else.")
    if back is not None and back.staff_id != taker.pk:
        raise ValidationFailed("The duty asked in return must be one of the taker's.")
    swap = SwapRequest.objects.create(
        assignment=assignment,
        back_assignment=back,
        giver_id=assignment.staff_id,
        taker=taker,
        note=note,
    )
    swap.problems = swap_problems(swap)
    swap.save(update_fields=["problems"])
    record(by, AuditAction.CREATE, swap, summary=f"swap offered for {assignment.day}")
    return swap


def _decide(swap: SwapRequest, status: str, by: UserLike, summary: str) -> SwapRequest:
    before = swap.status
    swap.status = status
    swap.decided_by = by if isinstance(by, User) else None
    swap.decided_at = timezone.now()
    swap.save(update_fields=["status", "decided_by", "decided_at", "problems"])
    record(
        by,
        AuditAction.TRANSITION,
        swap,
        before={"status": before},
        after={"status": status, "problems": swap.problems},
        summary=summary,
    )
    return swap


@transaction.atomic
def accept_swap(swap: SwapRequest, by: UserLike) -> SwapRequest:
    """The taker accepts; the swap then waits for a chief's approval."""
    me = staff_of(by)
    if me is None or me.pk != swap.taker_id:
        raise NotAllowed("Only the person the duty was offered to can accept it.")
    if swap.status != SwapStatus.OFFERED:
        raise Conflict(f"This swap is {swap.get_status_display().lower()}; it cannot be accepted.")
    swap.problems = swap_problems(swap)
    return _decide(swap, SwapStatus.ACCEPTED, by, "swap accepted")


@transaction.atomic
def withdraw_swap(swap: SwapRequest, by: UserLike) -> SwapRequest:
    """The giver or the taker calls the swap off before approval."""
    me = staff_of(by)
    if me is None or me.pk not in {swap.giver_id, swap.taker_id}:
        raise NotAllowed("Only the two people in this swap can call it off.")
    if swap.status not in {SwapStatus.OFFERED, SwapStatus.ACCEPTED}:
        raise Conflict("This swap is already decided.")
    return _decide(swap, SwapStatus.WITHDRAWN, by, "swap withdrawn")


@transaction.atomic
def approve_swap(swap: SwapRequest, by: UserLike) -> SwapRequest:
    """A chief approves an accepted swap. It is checked against the roster as it stands:
    when it would break a rule it is refused (the rules are listed in ``problems``),
    otherwise the duties change hands."""
    if not has_capability(by, Capability.APPROVE_SWAP):
        raise NotAllowed("Only a section chief can approve swaps.")
    swap = SwapRequest.objects.select_for_update().get(pk=swap.pk)
    if swap.status != SwapStatus.ACCEPTED:
        raise Conflict("Only a swap the taker has accepted can be approved.")
    swap.problems = swap_problems(swap)
    if swap.problems:
        return _decide(swap, SwapStatus.REFUSED, by, "swap refused: it would break a rule")
    moves = [(swap.assignment, swap.taker_id)]
    if swap.back_assignment is not None:
        moves.append((swap.back_assignment, swap.giver_id))
    for assignment, staff_id in moves:
        assignment.staff_id = staff_id
        assignment.source = AssignmentSource.SWAP
        assignment.save(update_fields=["staff", "source"])
    return _decide(swap, SwapStatus.APPROVED, by, "swap approved")


@transaction.atomic
def refuse_swap(swap: SwapRequest, by: UserLike) -> SwapRequest:
    """A chief turns an accepted swap down."""
    if not has_capability(by, Capability.APPROVE_SWAP):
        raise NotAllowed("Only a section chief can refuse swaps.")
    if swap.status != SwapStatus.ACCEPTED:
        raise Conflict("Only a swap the taker has accepted can be refused.")
    return _decide(swap, SwapStatus.REFUSED, by, "swap refused")
