"""Where each request could start, room by room, before any case competes for the time.

A request is checked against its needs one at a time (room capability, opening hours, service
lists, anaesthesia, operator); the first need that leaves no room time long enough is the reason
it cannot be scheduled this week.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from irsuite.domain.booking import spans
from irsuite.domain.booking.model import (
    BookedSlot,
    Placement,
    Request,
    Room,
    UnscheduledReason,
    WeekResources,
)
from irsuite.domain.booking.reference import SchedulingReference
from irsuite.domain.booking.spans import Minutes


@dataclass(frozen=True, slots=True)
class Busy:
    """Time already taken, in minutes from the week's start, per room, operator and patient."""

    rooms: dict[str, list[tuple[int, int]]]
    operators: dict[str, list[tuple[int, int]]]
    patients: dict[str, list[tuple[int, int]]]

    def copy(self) -> Busy:
        """An independent copy that can be filled without touching this one."""
        return Busy(*(_copy(d) for d in (self.rooms, self.operators, self.patients)))


def _copy(table: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    out.update({key: list(value) for key, value in table.items()})
    return out


@dataclass(frozen=True, slots=True)
class Prepared:
    """The week in minutes: start ranges per request and room, reasons, and taken time."""

    origin: datetime
    requests: tuple[Request, ...]
    starts: dict[str, dict[str, Minutes]]
    reasons: dict[str, UnscheduledReason]
    busy: Busy
    turnover: int
    open: dict[str, Minutes]
    grid: int = 1

    def on_grid(self, minute: int) -> int:
        """The first grid minute at or after ``minute`` (cases start on grid minutes)."""
        return -(-minute // self.grid) * self.grid

    def due_end(self, request: Request) -> int:
        """The minute by which ``request`` must end to be on time (the end of its due day)."""
        midnight = datetime.combine(request.due + timedelta(days=1), datetime.min.time())
        return spans.to_minutes(self.origin, midnight.replace(tzinfo=self.origin.tzinfo))


def _minutes(origin: datetime, items: Iterable[tuple[datetime, datetime]]) -> Minutes:
    return spans.normalise(spans.span_minutes(origin, s, e) for s, e in items)


class _Week:
    """The resources of the week expressed in minutes, indexed by room and operator."""

    def __init__(self, resources: WeekResources) -> None:
        origin = resources.start
        self.origin = origin
        floor: Minutes = ()
        if resources.not_before is not None:
            floor = ((-(10**9), spans.span_minutes(origin, origin, resources.not_before)[1]),)
        self.open = {
            r.id: spans.subtract(_minutes(origin, ((s.start, s.end) for s in r.open)), floor)
            for r in resources.rooms
        }
        self.blocks: dict[str, list[tuple[str, Minutes]]] = defaultdict(list)
        for b in resources.blocks:
            self.blocks[b.room].append((b.service, _minutes(origin, [(b.span.start, b.span.end)])))
        pairs: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
        for a in resources.anaesthesia:
            pairs[a.room].append((a.span.start, a.span.end))
        self.anaesthesia = {room: _minutes(origin, items) for room, items in pairs.items()}
        self.operators = {
            o.operator: _minutes(origin, ((s.start, s.end) for s in o.spans))
            for o in resources.operators
        }

    def after(self, day: date) -> Minutes:
        """Every minute from the midnight that ends ``day`` on."""
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time())
        start = spans.to_minutes(self.origin, midnight.replace(tzinfo=self.origin.tzinfo))
        return ((start, 10**9),)

    def reserved_for_others(self, room: str, service: str | None) -> Minutes:
        """Room time held for lists of services other than ``service``."""
        held = (m for owner, m in self.blocks.get(room, []) if owner != service)
        return spans.normalise(r for m in held for r in m)


Step = tuple[UnscheduledReason, Callable[[str, Minutes], Minutes]]


def _steps(week: _Week, request: Request) -> list[Step]:
    steps: list[Step] = [
        (UnscheduledReason.NO_OPEN_TIME, lambda room, m: m),
    ]
    latest = request.latest
    if latest is not None:
        steps.append(
            (
                UnscheduledReason.AFTER_DUE_DATE,
                lambda room, m: spans.subtract(m, week.after(latest)),
            )
        )
    steps += [
        (
            UnscheduledReason.RESERVED_FOR_ANOTHER_SERVICE,
            lambda room, m: spans.subtract(m, week.reserved_for_others(room, request.service)),
        ),
    ]
    if request.anaesthesia:
        steps.append(
            (
                UnscheduledReason.NO_ANAESTHESIA_SESSION,
                lambda room, m: spans.intersect(m, week.anaesthesia.get(room, ())),
            )
        )
    operator = request.operator
    if operator is not None:
        steps.append(
            (
                UnscheduledReason.OPERATOR_UNAVAILABLE,
                lambda room, m: spans.intersect(m, week.operators.get(operator, ())),
            )
        )
    return steps


def _fits(ranges: Minutes, length: int, grid: int) -> Minutes:
    """Start ranges where ``length`` minutes fit and that hold at least one grid minute."""
    starts = spans.start_ranges(ranges, length)
    return tuple((s, e) for s, e in starts if -(-s // grid) * grid <= e)


def request_starts(
    week: _Week, rooms: Sequence[Room], request: Request, grid: int = 1
) -> dict[str, Minutes] | UnscheduledReason:
    """Start ranges per capable room for ``request``, or why there are none."""
    free = {r.id: week.open[r.id] for r in rooms if request.capability in r.capabilities}
    if not free:
        return UnscheduledReason.NO_CAPABLE_ROOM
    starts: dict[str, Minutes] = {}
    for reason, narrow in _steps(week, request):
        free = {room: narrow(room, m) for room, m in free.items()}
        starts = {room: _fits(m, request.duration_min, grid) for room, m in free.items()}
        starts = {room: m for room, m in starts.items() if m}
        if not starts:
            return reason
        free = {room: free[room] for room in starts}
    return starts


def _busy(origin: datetime, booked: Iterable[BookedSlot], turnover: int) -> Busy:
    busy = Busy(defaultdict(list), defaultdict(list), defaultdict(list))
    for slot in booked:
        start, end = spans.span_minutes(origin, slot.span.start, slot.span.end)
        busy.rooms[slot.room].append((start, end + turnover))
        busy.patients[slot.patient].append((start, end))
        if slot.operator is not None:
            busy.operators[slot.operator].append((start, end))
    return busy


def prepare(
    requests: Sequence[Request],
    resources: WeekResources,
    reference: SchedulingReference,
    grid: int = 1,
) -> Prepared:
    """Work out every request's possible start times and the time already booked.

    Cases start on multiples of ``grid`` minutes from the week's start.
    """
    if grid < 1:
        raise ValueError("the start-time grid must be at least one minute")
    ids = [r.id for r in requests]
    if len(set(ids)) != len(ids):
        raise ValueError("each request must appear once in the backlog")
    week = _Week(resources)
    starts: dict[str, dict[str, Minutes]] = {}
    reasons: dict[str, UnscheduledReason] = {}
    for request in requests:
        found = request_starts(week, resources.rooms, request, grid)
        if isinstance(found, UnscheduledReason):
            reasons[request.id] = found
        else:
            starts[request.id] = found
    return Prepared(
        origin=resources.start,
        requests=tuple(requests),
        starts=starts,
        reasons=reasons,
        busy=_busy(resources.start, resources.booked, reference.turnover_min),
        turnover=reference.turnover_min,
        open=dict(week.open),
        grid=grid,
    )


def proposal_value(
    placements: Iterable[Placement], requests: Iterable[Request], reference: SchedulingReference
) -> float:
    """Priority-weighted cases placed: full weight on time, the late credit otherwise."""
    by_id = {r.id: r for r in requests}
    total = 0.0
    for p in placements:
        weight = reference.weight(by_id[p.request].priority)
        total += weight if p.on_time else weight * reference.late_credit
    return total
