"""An independent check that a proposal keeps every rule, used by the scheduler tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from irsuite.domain.booking import (
    BookedSlot,
    Proposal,
    Request,
    SchedulingReference,
    Span,
    WeekResources,
    find_conflicts,
)


def inside(start: datetime, end: datetime, spans: Sequence[Span]) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)


def problems(
    proposal: Proposal,
    requests: Sequence[Request],
    resources: WeekResources,
    reference: SchedulingReference,
) -> list[str]:
    """Every broken rule in ``proposal``; empty when it is valid."""
    by_id = {r.id: r for r in requests}
    rooms = {r.id: r for r in resources.rooms}
    found: list[str] = []
    slots: list[BookedSlot] = list(resources.booked)
    turnover = timedelta(minutes=reference.turnover_min)
    for p in proposal.placements:
        r = by_id[p.request]
        room = rooms[p.room]
        if p.end - p.start != timedelta(minutes=r.duration_min):
            found.append(f"{r.id}: wrong length")
        if r.capability not in room.capabilities:
            found.append(f"{r.id}: room lacks {r.capability}")
        if not inside(p.start, p.end, room.open):
            found.append(f"{r.id}: outside opening hours")
        if resources.not_before is not None and p.start < resources.not_before:
            found.append(f"{r.id}: in the past")
        for b in resources.blocks:
            clash = b.span.start < p.end and p.start < b.span.end
            if b.room == p.room and b.service != r.service and clash:
                found.append(f"{r.id}: in {b.service}'s list")
        sessions = [a.span for a in resources.anaesthesia if a.room == p.room]
        if r.anaesthesia and not inside(p.start, p.end, sessions):
            found.append(f"{r.id}: no anaesthesia session")
        if r.operator is not None:
            hours = [s for o in resources.operators if o.operator == r.operator for s in o.spans]
            if not inside(p.start, p.end, hours):
                found.append(f"{r.id}: operator away")
        candidate = BookedSlot(r.id, p.room, r.patient, Span(p.start, p.end), r.operator)
        for c in find_conflicts(candidate, slots):
            found.append(f"{r.id}: {c.kind} clash with {c.other}")
        slots.append(candidate)
        if r.latest is not None:
            limit = datetime.combine(r.latest + timedelta(days=1), datetime.min.time())
            if p.end > limit:
                found.append(f"{r.id}: after its due date")
        on_time = p.end <= datetime.combine(r.due + timedelta(days=1), datetime.min.time())
        if p.on_time != on_time:
            found.append(f"{r.id}: on-time flag wrong")
    found.extend(turnover_problems(slots, turnover, {b.id for b in resources.booked}))
    placed = {p.request for p in proposal.placements}
    left = {u.request for u in proposal.unscheduled}
    if placed & left or placed | left != set(by_id):
        found.append("placed and unscheduled do not partition the backlog")
    return found


def turnover_problems(
    slots: Sequence[BookedSlot], turnover: timedelta, fixed: set[str]
) -> list[str]:
    """Proposed cases that follow or precede another without the turnover time between them."""
    found = []
    for room in {s.room for s in slots}:
        timeline = sorted((s for s in slots if s.room == room), key=lambda s: s.span.start)
        for before, after in zip(timeline, timeline[1:], strict=False):
            if {before.id, after.id} <= fixed:
                continue
            if after.span.start < before.span.end + turnover:
                found.append(f"{after.id}: no turnover after {before.id}")
    return found
