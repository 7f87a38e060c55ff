"""Auto-schedule API: run the auto-scheduler for a site's week, read and apply its proposal."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from irsuite.errors import ValidationFailed
from irsuite.people.access import allow
from irsuite.people.models import Site
from irsuite.people.roles import Capability as C
from irsuite.scheduling.autoschedule import services
from irsuite.scheduling.autoschedule.models import ScheduleProposal
from irsuite.scheduling.booking.api import BookingOut, booking_out

router = Router(tags=["bookings"])


class ProposeIn(Schema):
    site: str
    week_start: dt.date
    time_limit_s: float = float(services.DEFAULT_TIME_LIMIT_S)


class PlacementOut(Schema):
    request: int
    room: int
    start: dt.datetime
    end: dt.datetime
    on_time: bool


class UnscheduledOut(Schema):
    request: int
    reason: str
    text: str


class ProposalOut(Schema):
    id: int
    site: str
    week_start: dt.date
    status: str
    solver_status: str
    value: float
    bound: float
    wall_time_s: float
    placements: list[PlacementOut]
    unscheduled: list[UnscheduledOut]


class AcceptIn(Schema):
    request: int
    room: int
    start: dt.datetime


class ApplyIn(Schema):
    items: list[AcceptIn]


class ApplyOut(Schema):
    booked: list[BookingOut]
    refused: list[dict[str, object]]


def proposal_out(p: ScheduleProposal) -> ProposalOut:
    return ProposalOut(
        id=p.pk,
        site=p.site.code,
        week_start=p.week_start,
        status=p.status,
        solver_status=p.solver_status,
        value=p.value,
        bound=p.bound,
        wall_time_s=p.wall_time_s,
        placements=[PlacementOut(**x) for x in p.placements],
        unscheduled=[UnscheduledOut(**x) for x in p.unscheduled],
    )


@router.post("/proposals", response={201: ProposalOut})
@allow(C.SCHEDULE)
def create_proposal(request: HttpRequest, payload: ProposeIn) -> tuple[int, ProposalOut]:
    """Run the auto-scheduler for a site's week (Monday) on its vetted backlog."""
    low, high = services.MIN_TIME_LIMIT_S, services.MAX_TIME_LIMIT_S
    if not low <= payload.time_limit_s <= high:
        raise ValidationFailed(f"time_limit_s must be between {low} and {high} seconds.")
    site = get_object_or_404(Site, code=payload.site)
    proposal = services.propose(
        site, payload.week_start, by=request.user, time_limit_s=payload.time_limit_s
    )
    return 201, proposal_out(proposal)


@router.get("/proposals/{proposal_id}", response=ProposalOut)
@allow(C.SCHEDULE)
def get_proposal(request: HttpRequest, proposal_id: int) -> ProposalOut:
    return proposal_out(
        get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=proposal_id)
    )


@router.post("/proposals/{proposal_id}/apply", response=ApplyOut)
@allow(C.SCHEDULE)
def apply_proposal(request: HttpRequest, proposal_id: int, payload: ApplyIn) -> ApplyOut:
    """Book the accepted placements (as proposed or edited); refused ones say why."""
    proposal = get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=proposal_id)
    accepted = [services.Accepted(i.request, i.room, i.start) for i in payload.items]
    result = services.apply_proposal(proposal, accepted, by=request.user)
    return ApplyOut(
        booked=[booking_out(b) for b in result.booked],
        refused=[{"request": pk, "reason": reason} for pk, reason in result.refused],
    )
