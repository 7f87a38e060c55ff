"""Auto-schedule API: run the auto-scheduler for a site's week, read and apply its proposal."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from irsuite.bounds import (
    PAGE_MAX,
    QUERY_TEXT_MAX,
    BodyId,
    DbId,
    EventDate,
    EventTime,
    Flag,
    Input,
    Line,
    Measure,
)
from irsuite.errors import ValidationFailed
from irsuite.people.access import allow
from irsuite.people.models import Site
from irsuite.people.roles import Capability as C
from irsuite.scheduling.autoschedule import services
from irsuite.scheduling.autoschedule.models import ScheduleProposal
from irsuite.scheduling.booking.api import BookingOut, booking_out

router = Router(tags=["bookings"])


class ProposeIn(Input):
    site: Line = Field(..., max_length=QUERY_TEXT_MAX)
    week_start: EventDate
    time_limit_s: Measure = Field(
        float(services.DEFAULT_TIME_LIMIT_S),
        ge=services.MIN_TIME_LIMIT_S,
        le=services.MAX_TIME_LIMIT_S,
    )


class OutcomeOut(Schema):
    state: str
    code: str = ""
    text: str = ""


class PlacementOut(Schema):
    request: int
    room: int
    start: dt.datetime
    end: dt.datetime
    on_time: bool
    outcome: OutcomeOut | None = None


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
    computed_at: dt.datetime | None = None
    failure: str = ""


class AcceptIn(Input):
    request: BodyId
    room: BodyId
    start: EventTime
    confirmed: Flag = False


class ApplyIn(Input):
    items: list[AcceptIn] = Field(..., max_length=PAGE_MAX)


class RefusalOut(Schema):
    request: int
    code: str
    reason: str
    confirmable: bool


class ApplyOut(Schema):
    status: str
    booked: list[BookingOut]
    refused: list[RefusalOut]


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
        computed_at=p.computed_at,
        failure=p.failure,
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
def get_proposal(request: HttpRequest, proposal_id: DbId) -> ProposalOut:
    return proposal_out(
        get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=proposal_id)
    )


@router.post("/proposals/{proposal_id}/apply", response=ApplyOut)
@allow(C.SCHEDULE)
def apply_proposal(request: HttpRequest, proposal_id: DbId, payload: ApplyIn) -> ApplyOut:
    """Book the accepted placements (as proposed or edited), each checked again first.

    A request changed since the proposal was computed is not moved unless its item is
    ``confirmed``; pinned bookings (emergency add-ons, bookings with their operator) are never
    moved until released by hand; no case is booked after its due date. Refused ones say why.
    """
    proposal = get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=proposal_id)
    accepted = [services.Accepted(i.request, i.room, i.start, i.confirmed) for i in payload.items]
    result = services.apply_proposal(proposal, accepted, by=request.user)
    return ApplyOut(
        status=proposal.status,
        booked=[booking_out(b) for b in result.booked],
        refused=[
            RefusalOut(request=r.request, code=r.code, reason=r.text, confirmable=r.confirmable)
            for r in result.refused
        ],
    )
