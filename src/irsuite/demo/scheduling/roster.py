"""Demo on-call roster: call types, some leave, and published rosters solved for the demo staff."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from irsuite.people.roles import StaffRole
from irsuite.scheduling.leave.models import LeaveKind, LeaveRequest
from irsuite.scheduling.roster.models import CallDays, CallKind, CallType
from irsuite.scheduling.roster.services import create_period, publish_period, solve_period

if TYPE_CHECKING:
    from irsuite.demo.context import DemoContext

TRAINEES = [StaffRole.FELLOW.value, StaffRole.RESIDENT.value]
RULES = {
    "no_duty_after_night": True,
    "max_consecutive": 2,
    "max_per_month": 12,
    "pair_trainee_with_attending": True,
}


def _call_types() -> None:
    evening, morning = dt.time(17, 0), dt.time(8, 0)
    specs = [
        ("Trainee first call", CallDays.ALL, TRAINEES, CallKind.PRIMARY, evening),
        ("Attending weeknight", CallDays.WEEKNIGHTS, ["attending"], CallKind.BACKUP, evening),
        ("Attending weekend", CallDays.WEEKENDS, ["attending"], CallKind.BACKUP, morning),
        ("Attending holiday", CallDays.HOLIDAYS, ["attending"], CallKind.BACKUP, morning),
    ]
    for name, days, roles, kind, starts in specs:
        CallType.objects.get_or_create(
            name=name,
            defaults={
                "days": days,
                "roles": roles,
                "kind": kind,
                "night": True,
                "starts": starts,
                "ends": morning,
            },
        )


def _leave(ctx: DemoContext, start: dt.date, days: int) -> None:
    people = (
        ctx.staff(StaffRole.ATTENDING) + ctx.staff(StaffRole.FELLOW) + ctx.staff(StaffRole.RESIDENT)
    )
    rows = []
    for _ in range(max(2, days // 15)):
        first = start + dt.timedelta(days=ctx.rng.randrange(max(1, days - 7)))
        rows.append(
            LeaveRequest(
                staff=ctx.rng.choice(people),
                start=first,
                end=first + dt.timedelta(days=ctx.rng.choice([2, 4, 6])),
            )
        )
    for _ in range(days // 5):
        day = start + dt.timedelta(days=ctx.rng.randrange(days))
        rows.append(
            LeaveRequest(
                staff=ctx.rng.choice(people),
                kind=LeaveKind.PREFERS_OFF,
                start=day,
                end=day,
                note="family event",
            )
        )
    LeaveRequest.objects.bulk_create(rows)


def _holidays(start: dt.date, end: dt.date) -> list[str]:
    out = []
    for year in range(start.year, end.year + 1):
        for month, day in [(1, 1), (12, 25), (12, 26)]:
            if start <= (when := dt.date(year, month, day)) <= end:
                out.append(when.isoformat())
    return out


def build(ctx: DemoContext) -> None:
    """Publish a roster for last month (history) and for this month and the next two."""
    if not ctx.staff(StaffRole.ATTENDING):
        return
    _call_types()
    this_month = ctx.today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    months = 1 if ctx.quick else 3
    end = this_month
    for _ in range(months):
        end = (end + dt.timedelta(days=32)).replace(day=1)
    end -= dt.timedelta(days=1)
    _leave(ctx, last_month, (end - last_month).days + 1)
    limit = 3.0 if ctx.quick else 10.0
    for first, last in [(last_month, this_month - dt.timedelta(days=1)), (this_month, end)]:
        period = create_period(first, last, None, rules=RULES, holidays=_holidays(first, last))
        out = solve_period(period, None, time_limit=limit)
        if out["assignments"]:
            publish_period(period, None)
