"""Roster use cases: build a problem from the database, solve, publish, override, who is on now.

Staff are identified in the solver's input by their primary key as text.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.domain.roster import (
    Assignment,
    RosterInputError,
    RosterProblem,
    check_roster,
    parse_problem,
)
from irsuite.domain.roster.calendar import kinds_of
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import has_capability
from irsuite.people.access import staff_of as staff_of_actor
from irsuite.people.models import Site, Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.roster.models import (
    AssignmentSource,
    CallType,
    LeaveKind,
    LeaveRequest,
    PeriodStatus,
    RosterAssignment,
    RosterPeriod,
)

Actor = AbstractBaseUser | AnonymousUser | None
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def user_or_none(by: Actor) -> User | None:
    """The acting login, or None for the system or an anonymous caller."""
    return by if isinstance(by, User) else None


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


@transaction.atomic
def create_period(
    start: dt.date,
    end: dt.date,
    by: Actor,
    rules: dict[str, Any] | None = None,
    holidays: list[str] | None = None,
) -> RosterPeriod:
    """A new draft period; refuses one that overlaps a published period."""
    if end < start:
        raise ValidationFailed("The period ends before it starts: swap the dates.")
    clash = RosterPeriod.objects.filter(
        status=PeriodStatus.PUBLISHED, start__lte=end, end__gte=start
    )
    if clash.exists():
        raise Conflict("A published roster already covers part of these dates; pick other dates.")
    period = RosterPeriod.objects.create(
        start=start,
        end=end,
        rules=rules or {},
        holidays=sorted(holidays or []),
        created_by=user_or_none(by),
    )
    record(by, AuditAction.CREATE, period, summary=f"roster period {start}..{end}")
    return period


def solve_period(
    period: RosterPeriod,
    by: Actor,
    time_limit: float = 30.0,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Solve a draft period and store its assignments (or the clash explanation)."""
    if period.status != PeriodStatus.DRAFT:
        raise Conflict("This roster is published; create a new period to re-solve.")
    problem = period_problem(period)
    # OR-Tools takes seconds to import: only the processes that solve a roster pay for it.
    from irsuite.domain.roster.solver import SolveOptions, solve_problem

    out = solve_problem(problem, SolveOptions(time_limit=time_limit), progress)
    _store_solution(period, out, by)
    return out


@transaction.atomic
def _store_solution(period: RosterPeriod, out: dict[str, Any], by: Actor) -> None:
    types = {ct.name: ct for ct in CallType.objects.all()}
    period.assignments.all().delete()
    RosterAssignment.objects.bulk_create(
        RosterAssignment(
            period=period,
            day=dt.date.fromisoformat(a["date"]),
            call_type=types[a["call_type"]],
            staff_id=int(a["staff"]),
        )
        for a in out["assignments"]
    )
    period.result = {k: v for k, v in out.items() if k != "assignments"}
    period.save(update_fields=["result"])
    summary = f"roster {period.start}..{period.end} solved: {out['status']}"
    record(by, AuditAction.CHANGE, period, after={"status": out["status"]}, summary=summary)


@transaction.atomic
def publish_period(period: RosterPeriod, by: Actor) -> RosterPeriod:
    """Publish a solved draft so it shows as who is on call."""
    if period.status == PeriodStatus.PUBLISHED:
        raise Conflict("This roster is already published.")
    if not period.assignments.exists():
        raise ValidationFailed("This roster has no assignments yet: solve it first.")
    period.status = PeriodStatus.PUBLISHED
    period.published_at = timezone.now()
    period.save(update_fields=["status", "published_at"])
    record(
        by,
        AuditAction.TRANSITION,
        period,
        after={"status": period.status},
        summary=f"roster {period.start}..{period.end} published",
    )
    return period


@transaction.atomic
def override_assignment(
    assignment: RosterAssignment, staff: Staff, by: Actor, reason: str
) -> list[str]:
    """Put ``staff`` on ``assignment``'s duty by hand. The reason is required; rules the
    change breaks are returned and kept in the audit entry, not refused."""
    if not reason.strip():
        raise ValidationFailed("Give a reason for the manual change.")
    period = assignment.period
    before = Assignment(assignment.day, assignment.call_type.name, str(assignment.staff_id))
    after = Assignment(assignment.day, assignment.call_type.name, str(staff.pk))
    roster = domain_roster(period)
    old = set(check_roster(period_problem(period), roster))
    changed = [after if a == before else a for a in roster]
    broken = [v.message for v in check_roster(period_problem(period), changed) if v not in old]
    was = assignment.staff_id
    assignment.staff = staff
    assignment.source = AssignmentSource.OVERRIDE
    assignment.save(update_fields=["staff", "source"])
    record(
        by,
        AuditAction.OVERRIDE,
        assignment,
        before={"staff": was},
        after={"staff": staff.pk, "breaks": broken},
        reason=reason,
        summary=f"on-call {assignment.day} {assignment.call_type.name} changed by hand",
    )
    return broken


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


@transaction.atomic
def request_leave(
    staff: Staff, kind: str, start: dt.date, end: dt.date, by: Actor, note: str = ""
) -> LeaveRequest:
    """Record days ``staff`` cannot (or would rather not) take call. People enter their own;
    roster managers may enter anyone's. Published rosters are not changed by it."""
    if staff_of_actor(by) != staff and not has_capability(by, Capability.MANAGE_ROSTER):
        raise NotAllowed("You can only enter your own leave; ask a roster manager otherwise.")
    if kind not in LeaveKind.values:
        raise ValidationFailed(f"Unknown kind {kind!r}: use leave or prefers_off.")
    if end < start:
        raise ValidationFailed("The leave ends before it starts: swap the dates.")
    if (end - start).days > 366:
        raise ValidationFailed("Enter leave of at most a year at a time.")
    leave = LeaveRequest.objects.create(staff=staff, kind=kind, start=start, end=end, note=note)
    record(by, AuditAction.CREATE, leave, summary=f"{kind} {start}..{end}")
    return leave


@transaction.atomic
def cancel_leave(leave: LeaveRequest, by: Actor) -> None:
    """Remove a leave entry (its owner or a roster manager)."""
    if staff_of_actor(by) != leave.staff and not has_capability(by, Capability.MANAGE_ROSTER):
        raise NotAllowed("You can only remove your own leave.")
    record(by, AuditAction.DELETE, leave, before=snapshot(leave), summary="leave removed")
    leave.delete()
