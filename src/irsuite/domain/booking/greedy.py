"""Greedy first-fit: the baseline the CP-SAT scheduler must beat, and its starting hint.

Requests go in priority order (then earliest due date, then longest first); each takes the
earliest time at which a suitable room, its operator and its patient are all free.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from irsuite.domain.booking import spans
from irsuite.domain.booking.candidates import Busy, Prepared, prepare, proposal_value
from irsuite.domain.booking.model import (
    Placement,
    Proposal,
    Request,
    SolveStatus,
    Unscheduled,
    UnscheduledReason,
    WeekResources,
)
from irsuite.domain.booking.reference import SchedulingReference
from irsuite.domain.booking.spans import Minutes

Check = tuple[list[tuple[int, int]], int]


def _clash_end(checks: Sequence[Check], start: int) -> int | None:
    """The latest end among busy ranges that a case starting at ``start`` would hit."""
    bump: int | None = None
    for busy, length in checks:
        for b_start, b_end in busy:
            if b_start < start + length and start < b_end:
                bump = b_end if bump is None else max(bump, b_end)
    return bump


def earliest_fit(starts: Minutes, checks: Sequence[Check], grid: int = 1) -> int | None:
    """The first grid minute in ``starts`` (closed ranges) at which no check's busy time is hit."""
    for first, last in starts:
        moment = -(-first // grid) * grid
        while moment <= last:
            bump = _clash_end(checks, moment)
            if bump is None:
                return moment
            moment = -(-bump // grid) * grid
    return None


def _order(prepared: Prepared, reference: SchedulingReference) -> list[Request]:
    return sorted(
        (r for r in prepared.requests if r.id in prepared.starts),
        key=lambda r: (-reference.weight(r.priority), r.due, -r.duration_min, r.id),
    )


def _place(prepared: Prepared, busy: Busy, request: Request) -> tuple[str, int] | None:
    best: tuple[int, str] | None = None
    for room, starts in prepared.starts[request.id].items():
        checks: list[Check] = [
            (busy.rooms[room], request.duration_min + prepared.turnover),
            (busy.patients[request.patient], request.duration_min),
        ]
        if request.operator is not None:
            checks.append((busy.operators[request.operator], request.duration_min))
        start = earliest_fit(starts, checks, prepared.grid)
        if start is not None and (best is None or start < best[0]):
            best = (start, room)
    return None if best is None else (best[1], best[0])


def placement(prepared: Prepared, request: Request, room: str, start: int) -> Placement:
    """A placement at ``start`` minutes, marked on time when it ends by the due day's end."""
    end = start + request.duration_min
    return Placement(
        request=request.id,
        room=room,
        start=spans.from_minutes(prepared.origin, start),
        end=spans.from_minutes(prepared.origin, end),
        on_time=end <= prepared.due_end(request),
    )


def greedy_placements(prepared: Prepared, reference: SchedulingReference) -> list[Placement]:
    """Place requests one by one around the time already booked."""
    placed: list[Placement] = []
    busy = prepared.busy.copy()
    for request in _order(prepared, reference):
        found = _place(prepared, busy, request)
        if found is None:
            continue
        room, start = found
        end = start + request.duration_min
        busy.rooms[room].append((start, end + prepared.turnover))
        busy.patients[request.patient].append((start, end))
        if request.operator is not None:
            busy.operators[request.operator].append((start, end))
        placed.append(placement(prepared, request, room, start))
    return placed


def unscheduled(prepared: Prepared, placed: Sequence[Placement]) -> tuple[Unscheduled, ...]:
    """Every request not placed, with its reason (no capacity when it had possible times)."""
    done = {p.request for p in placed}
    return tuple(
        Unscheduled(r.id, prepared.reasons.get(r.id, UnscheduledReason.NO_CAPACITY))
        for r in prepared.requests
        if r.id not in done
    )


def upper_bound(prepared: Prepared, reference: SchedulingReference) -> float:
    """A value no proposal can beat: every request with possible times placed on time."""
    return float(
        sum(reference.weight(r.priority) for r in prepared.requests if r.id in prepared.starts)
    )


def greedy_week(
    requests: Sequence[Request],
    resources: WeekResources,
    reference: SchedulingReference,
    grid_min: int = 5,
) -> Proposal:
    """Propose a week with greedy first-fit (fast, no quality guarantee); cases start on
    multiples of ``grid_min`` minutes."""
    started = time.perf_counter()
    prepared = prepare(requests, resources, reference, grid_min)
    placed = greedy_placements(prepared, reference)
    value = proposal_value(placed, requests, reference)
    return Proposal(
        placements=tuple(sorted(placed, key=lambda p: (p.start, p.room))),
        unscheduled=unscheduled(prepared, placed),
        status=SolveStatus.GREEDY,
        value=value,
        bound=upper_bound(prepared, reference),
        wall_time_s=time.perf_counter() - started,
    )
