"""On-call API: who is on call now, roster assignments, duty swaps."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from irsuite.apiutil import ensure, page
from irsuite.errors import NotFound
from irsuite.people.models import Site, Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.roster.models import PeriodStatus, RosterAssignment, SwapRequest
from irsuite.scheduling.roster.services import on_call_now
from irsuite.scheduling.roster.swaps import accept_swap, approve_swap, offer_swap

router = Router(tags=["on-call"])


class PersonOut(Schema):
    id: int
    name: str
    role: str


class OnCallOut(Schema):
    call_type: str
    site: str | None
    kind: str
    night: bool
    starts: dt.datetime
    ends: dt.datetime
    staff: list[PersonOut]


class OnCallList(Schema):
    at: dt.datetime
    items: list[OnCallOut]


class AssignmentOut(Schema):
    id: int
    date: dt.date
    call_type: str
    staff: PersonOut
    source: str


class AssignmentList(Schema):
    items: list[AssignmentOut]
    count: int


class SwapIn(Schema):
    assignment: int
    taker: int
    back_assignment: int | None = None
    note: str = ""


class SwapOut(Schema):
    id: int
    status: str
    assignment: int
    back_assignment: int | None
    giver: int
    taker: int
    problems: list[str]


def _person(s: Staff) -> PersonOut:
    return PersonOut(id=s.pk, name=s.display_name, role=s.role)


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


@router.get("/oncall/now", response=OnCallList, summary="Who is on call now")
def oncall_now(request: HttpRequest, site: str | None = None) -> OnCallList:
    """Per call type, the people on call at this moment (published rosters only)."""
    ensure(request, Capability.VIEW_ROSTER)
    where = None
    if site:
        where = Site.objects.filter(code=site).first()
        if where is None:
            raise NotFound(f"No site has the code {site!r}; see /api/v1/sites.")
    now = dt.datetime.now(dt.UTC)
    items = [
        OnCallOut(
            call_type=o.call_type.name,
            site=o.call_type.site.code if o.call_type.site else None,
            kind=o.call_type.kind,
            night=o.call_type.night,
            starts=o.starts,
            ends=o.ends,
            staff=[_person(s) for s in o.staff],
        )
        for o in on_call_now(now, where)
    ]
    return OnCallList(at=now, items=items)


@router.get("/roster/assignments", response=AssignmentList, summary="Published on-call duties")
def assignments(
    request: HttpRequest,
    start: dt.date,
    end: dt.date,
    staff: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> AssignmentList:
    """Published duties between two dates, optionally of one person."""
    ensure(request, Capability.VIEW_ROSTER)
    qs = RosterAssignment.objects.filter(
        period__status=PeriodStatus.PUBLISHED, day__gte=start, day__lte=end
    ).select_related("staff", "call_type")
    if staff is not None:
        qs = qs.filter(staff_id=staff)
    rows, count = page(qs, limit, offset)
    items = [
        AssignmentOut(
            id=a.pk, date=a.day, call_type=a.call_type.name, staff=_person(a.staff), source=a.source
        )
        for a in rows
    ]
    return AssignmentList(items=items, count=count)


@router.post("/roster/swaps", response={201: SwapOut}, summary="Offer a duty swap")
def create_swap(request: HttpRequest, body: SwapIn) -> tuple[int, SwapOut]:
    """Offer one of your duties to a colleague (optionally taking one of theirs)."""
    ensure(request, Capability.VIEW_ROSTER)
    assignment = get_object_or_404(RosterAssignment, pk=body.assignment)
    taker = get_object_or_404(Staff, pk=body.taker)
    back = None
    if body.back_assignment is not None:
        back = get_object_or_404(RosterAssignment, pk=body.back_assignment)
    swap = offer_swap(assignment, taker, request.user, back=back, note=body.note)
    return 201, _swap(swap)


@router.post("/roster/swaps/{swap_id}/accept", response=SwapOut, summary="Accept a swap")
def accept(request: HttpRequest, swap_id: int) -> SwapOut:
    """The colleague the duty was offered to accepts it."""
    ensure(request, Capability.VIEW_ROSTER)
    return _swap(accept_swap(get_object_or_404(SwapRequest, pk=swap_id), request.user))


@router.post("/roster/swaps/{swap_id}/approve", response=SwapOut, summary="Approve a swap")
def approve(request: HttpRequest, swap_id: int) -> SwapOut:
    """A chief approves; the swap is refused instead when it would break a rule."""
    ensure(request, Capability.APPROVE_SWAP)
    return _swap(approve_swap(get_object_or_404(SwapRequest, pk=swap_id), request.user))
