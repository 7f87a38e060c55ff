"""Roster use cases: create a period, solve it (a background task for the web page), publish
it, and change a duty by hand.

A background solve (the task `roster.tasks.solve_roster`, run by `irsuite worker`) keeps its
progress lines in the period's ``result`` (``{"running": true, "progress": [...]}``) until it
ends and replaces them with the outcome. A solve may run twice (its worker lost and the task
taken up again): it replaces the period's assignments in one transaction, so the second run
only does the work again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.background import enqueue
from irsuite.domain.roster import Assignment, check_roster
from irsuite.errors import Conflict, ServiceError, ValidationFailed
from irsuite.people.access import UserLike
from irsuite.people.models import Staff
from irsuite.scheduling.roster.models import (
    AssignmentSource,
    CallType,
    PeriodStatus,
    RosterAssignment,
    RosterPeriod,
)
from irsuite.scheduling.roster.queries import domain_roster, period_problem

log = logging.getLogger(__name__)
Progress = Callable[[str], None]

# CP-SAT workers of a roster solve (two suit the machines irsuite runs on).
SOLVER_WORKERS = 2


def _quiet(_: str) -> None:
    return None


def _ensure_draft(period: RosterPeriod) -> None:
    if period.status != PeriodStatus.DRAFT:
        raise Conflict("This roster is published; create a new period to re-solve.")


@transaction.atomic
def create_period(
    start: dt.date,
    end: dt.date,
    by: UserLike,
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
        created_by=by if isinstance(by, User) else None,
    )
    record(by, AuditAction.CREATE, period, summary=f"roster period {start}..{end}")
    return period


def solve_period(
    period: RosterPeriod,
    by: UserLike,
    time_limit: float = 30.0,
    progress: Progress = _quiet,
    *,
    workers: int = SOLVER_WORKERS,
) -> dict[str, Any]:
    """Solve a draft period and store its assignments (or the clash explanation).

    One worker searches the same way on every run; more find a good roster sooner.
    """
    _ensure_draft(period)
    problem = period_problem(period)
    # OR-Tools takes seconds to import: only the processes that solve a roster pay for it.
    from irsuite.domain.roster.solver import SolveOptions, solve_problem

    options = SolveOptions(time_limit=time_limit, num_workers=workers)
    out = solve_problem(problem, options, progress)
    _store_solution(period, out, by)
    return out


@transaction.atomic
def _store_solution(period: RosterPeriod, out: dict[str, Any], by: UserLike) -> None:
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
def publish_period(period: RosterPeriod, by: UserLike) -> RosterPeriod:
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
    assignment: RosterAssignment, staff: Staff, by: UserLike, reason: str
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


# A solve marked as running for longer than its limit plus this is taken as lost (a restart).
GRACE_SECONDS = 120.0


def is_running(period: RosterPeriod) -> bool:
    """Whether a solve of ``period`` is under way."""
    result = period.result
    if not result.get("running"):
        return False
    deadline = float(result.get("started", 0)) + float(result.get("limit", 0)) + GRACE_SECONDS
    return time.time() < deadline


def _marker(lines: list[str], limit: float, started: float) -> dict[str, object]:
    return {"running": True, "started": started, "limit": limit, "progress": lines}


def _writer(pk: int, limit: float) -> Callable[[str], None]:
    began, started, lines = time.monotonic(), time.time(), ["starting"]

    def say(message: str) -> None:
        lines.append(f"{time.monotonic() - began:5.1f} s  {message}")
        RosterPeriod.objects.filter(pk=pk).update(result=_marker(lines, limit, started))

    return say


def _ended(pk: int, message: str) -> None:
    RosterPeriod.objects.filter(pk=pk).update(result={"status": "error", "conflicts": [message]})


def solve_with_progress(pk: int, by: UserLike, time_limit: float) -> None:
    """Solve the period, writing progress to it; an error or a crash ends up in its result
    (a crash must not leave the period marked as running)."""
    say = _writer(pk, time_limit)
    try:
        solve_period(RosterPeriod.objects.get(pk=pk), by, time_limit=time_limit, progress=say)
    except ServiceError as exc:
        _ended(pk, exc.message)
    except Exception:
        log.exception("roster solve failed")
        _ended(pk, "The solve stopped on an internal error; see the server log and try again.")


@transaction.atomic
def start_solving(period: RosterPeriod, by: UserLike, time_limit: float) -> None:
    """Queue a solve of a draft period; the page follows it through :func:`is_running`."""
    from irsuite.scheduling.roster.tasks import solve_roster

    _ensure_draft(period)
    if is_running(period):
        raise Conflict("This roster is being solved already; wait for it to finish.")
    period.result = _marker(["queued: waiting for a worker"], time_limit, time.time())
    period.save(update_fields=["result"])
    user = by.pk if isinstance(by, User) else None
    enqueue(
        solve_roster,
        period.pk,
        user,
        time_limit,
        label=f"Roster {period.start} to {period.end}",
        by=by,
    )
