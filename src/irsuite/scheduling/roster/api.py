"""On-call API: who is on call now, and the published roster assignments."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from irsuite.apiutil import page
from irsuite.bounds import DbId, Limit, Offset, QueryDate
from irsuite.errors import NotFound
from irsuite.people.access import allow
from irsuite.people.models import Site, Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.roster.models import PeriodStatus, RosterAssignment
from irsuite.scheduling.roster.queries import on_call_now

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


def _person(s: Staff) -> PersonOut:
    return PersonOut(id=s.pk, name=s.display_name, role=s.role)


@router.get("/oncall/now", response=OnCallList, summary="Who is on call now")
@allow(Capability.VIEW_ROSTER)
def oncall_now(request: HttpRequest, site: str | None = None) -> OnCallList:
    """Per call type, the people on call at this moment (published rosters only)."""
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
@allow(Capability.VIEW_ROSTER)
def assignments(
    request: HttpRequest,
    start: QueryDate,
    end: QueryDate,
    staff: DbId | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> AssignmentList:
    """Published duties between two dates, optionally of one person."""
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
