"""Read-side queries of the on-call roster: a period's solver input built from the database,
its assignments as the solver's values, and who is on call now.

Staff are identified in the solver's input by their primary key as text.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from irsuite.domain.roster import Assignment, RosterInputError, RosterProblem, parse_problem
from irsuite.domain.roster.calendar import kinds_of
from irsuite.errors import ValidationFailed
from irsuite.people.models import Site, Staff
from irsuite.scheduling.leave.models import LeaveKind, LeaveRequest
from irsuite.scheduling.roster.models import (
    CallType,
    PeriodStatus,
    RosterAssignment,
    RosterPeriod,
)


def _day(value: dt.date) -> str:
    return value.isoformat()


def _call_type_data(ct: CallType) -> dict[str, Any]:
    return {
        "name": ct.name,
        "days": ct.days,
        "needs": ct.needs,
        "roles": list(ct.roles),
        "night": ct.night,
        "site": ct.site.code if ct.site else None,
        "kind": ct.kind,
    }


def _staff_data(people: Iterable[Staff], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    days: dict[tuple[int, str], set[str]] = defaultdict(set)
    requests = LeaveRequest.objects.filter(start__lte=end, end__gte=start, staff__in=people)
    for req in requests:
        day = max(req.start, start)
        while day <= min(req.end, end):
            days[(req.staff_id, req.kind)].add(_day(day))
            day += dt.timedelta(days=1)
    return [
        {
            "id": str(s.pk),
            "role": s.role,
            "fte": float(s.fte or 1),
            "leave": sorted(days[(s.pk, LeaveKind.LEAVE)]),
            "prefers_off": sorted(days[(s.pk, LeaveKind.PREFERS_OFF)]),
        }
        for s in people
    ]


def history_before(start: dt.date, holidays: Iterable[str] = ()) -> dict[str, dict[str, int]]:
    """Nights, weekend and holiday duties each person did in published periods before
    ``start`` (holidays as recorded with each period)."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    published = RosterPeriod.objects.filter(status=PeriodStatus.PUBLISHED, end__lt=start)
    holiday_days = {dt.date.fromisoformat(h) for p in published for h in p.holidays}
    holiday_days |= {dt.date.fromisoformat(h) for h in holidays}
    rows = RosterAssignment.objects.filter(period__in=published).select_related("call_type")
    for a in rows:
        for kind in kinds_of(a.call_type.as_domain(), a.day, frozenset(holiday_days)):
            if kind.value != "duties":
                out[kind.value][str(a.staff_id)] += 1
    return {k: dict(v) for k, v in out.items()}


def problem_data(
    start: dt.date, end: dt.date, rules: dict[str, Any], holidays: list[str]
) -> dict[str, Any]:
    """The solver input for a period from the active call types, staff, leave and history."""
    call_types = list(CallType.objects.filter(active=True).select_related("site"))
    roles = {r for ct in call_types for r in ct.roles}
    people = list(Staff.objects.filter(active=True, role__in=roles).order_by("pk"))
    return {
        "start": _day(start),
        "end": _day(end),
        "holidays": sorted(holidays),
        "call_types": [_call_type_data(ct) for ct in call_types],
        "staff": _staff_data(people, start, end),
        "rules": dict(rules),
        "history": history_before(start),
    }


def period_problem(period: RosterPeriod) -> RosterProblem:
    """The validated problem of a period (raises ValidationFailed on bad data)."""
    data = problem_data(period.start, period.end, period.rules, period.holidays)
    try:
        return parse_problem(data)
    except RosterInputError as exc:
        raise ValidationFailed(
            f"The roster settings are invalid: {exc}. Correct the call types, staff or rules.",
            detail=[{"field": e.field, "message": e.message} for e in exc.errors],
        ) from exc


def domain_roster(period: RosterPeriod) -> list[Assignment]:
    """The period's assignments as the solver's values."""
    rows = period.assignments.select_related("call_type")
    return [Assignment(a.day, a.call_type.name, str(a.staff_id)) for a in rows]


@dataclass(frozen=True)
class OnCall:
    """Who covers one call type right now."""

    call_type: CallType
    staff: list[Staff]
    starts: dt.datetime
    ends: dt.datetime


def on_call_now(at: dt.datetime | None = None, site: Site | None = None) -> list[OnCall]:
    """Per active call type (of ``site`` when given), the published assignment covering ``at``."""
    now = timezone.localtime(at or timezone.now()).replace(tzinfo=None)
    types = CallType.objects.filter(active=True).select_related("site")
    if site is not None:
        types = types.filter(Q(site=site) | Q(site__isnull=True))
    rows = (
        RosterAssignment.objects.filter(
            period__status=PeriodStatus.PUBLISHED,
            day__in=[now.date(), now.date() - dt.timedelta(days=1)],
            call_type__in=types,
        )
        .select_related("staff", "call_type")
        .order_by("call_type__name", "staff__family_name")
    )
    found: dict[tuple[int, dt.date], list[Staff]] = defaultdict(list)
    for a in rows:
        found[(a.call_type_id, a.day)].append(a.staff)
    out = []
    for ct in types.order_by("name"):
        for day in (now.date(), now.date() - dt.timedelta(days=1)):
            start, end = ct.window(day)
            if start <= now < end and found.get((ct.pk, day)):
                out.append(OnCall(ct, found[(ct.pk, day)], start, end))
    return out
