"""Duty swaps API: offer one of your duties, accept one offered to you, approve as a chief."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from irsuite.bounds import BodyId, DbId, Input, Line, max_length
from irsuite.people.access import allow
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.roster.models import RosterAssignment
from irsuite.scheduling.swaps.models import SwapRequest
from irsuite.scheduling.swaps.services import accept_swap, approve_swap, offer_swap

router = Router(tags=["on-call"])


class SwapIn(Input):
    assignment: BodyId
    taker: BodyId
    back_assignment: BodyId | None = None
    note: Line = Field("", max_length=max_length(SwapRequest, "note"))


class SwapOut(Schema):
    id: int
    status: str
    assignment: int
    back_assignment: int | None
    giver: int
    taker: int
    problems: list[str]


def _swap(s: SwapRequest) -> SwapOut:
    return SwapOut(
        id=s.pk,
        status=s.status,
        assignment=s.assignment_id,
        back_assignment=s.back_assignment_id,
        giver=s.giver_id,
        taker=s.taker_id,
        problems=list(s.problems),
    )


@router.post("/roster/swaps", response={201: SwapOut}, summary="Offer a duty swap")
@allow(Capability.VIEW_ROSTER)
def create_swap(request: HttpRequest, body: SwapIn) -> tuple[int, SwapOut]:
    """Offer one of your duties to a colleague (optionally taking one of theirs)."""
    assignment = get_object_or_404(RosterAssignment, pk=body.assignment)
    taker = get_object_or_404(Staff, pk=body.taker)
    back = None
    if body.back_assignment is not None:
        back = get_object_or_404(RosterAssignment, pk=body.back_assignment)
    swap = offer_swap(assignment, taker, request.user, back=back, note=body.note)
    return 201, _swap(swap)


@router.post("/roster/swaps/{swap_id}/accept", response=SwapOut, summary="Accept a swap")
@allow(Capability.VIEW_ROSTER)
def accept(request: HttpRequest, swap_id: DbId) -> SwapOut:
    """The colleague the duty was offered to accepts it."""
    return _swap(accept_swap(get_object_or_404(SwapRequest, pk=swap_id), request.user))


@router.post("/roster/swaps/{swap_id}/approve", response=SwapOut, summary="Approve a swap")
@allow(Capability.APPROVE_SWAP)
def approve(request: HttpRequest, swap_id: DbId) -> SwapOut:
    """A chief approves; the swap is refused instead when it would break a rule."""
    return _swap(approve_swap(get_object_or_404(SwapRequest, pk=swap_id), request.user))
