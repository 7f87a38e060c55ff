"""The auto-scheduler: a CP-SAT model of one week of room time.

Each request gets optional intervals, one per stretch of room time where it could start (a room
on a day, split at its due date so that every option is either on time or late); at most one
option is chosen. Intervals in a room, of an operator and of a patient may not overlap
(``NoOverlap``), with the time already booked fixed in the same constraints; a redundant
capacity constraint per stretch of opening hours tightens the bound. The objective is the
priority-weighted number of cases done by their due dates, with a smaller credit for cases done
late. The greedy first-fit proposal is the solver's starting hint, so it never does worse.
"""

from __future__ import annotations

import bisect
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from irsuite.domain.booking import spans
from irsuite.domain.booking.candidates import Prepared, prepare, proposal_value
from irsuite.domain.booking.greedy import greedy_placements, placement, unscheduled, upper_bound
from irsuite.domain.booking.model import Placement, Proposal, Request, SolveStatus, WeekResources
from irsuite.domain.booking.reference import SchedulingReference

# Objective coefficients are integers: weights are scaled so the late credit keeps two decimals.
SCALE = 100

Group = tuple[str, int]


@dataclass(frozen=True, slots=True)
class SolverOptions:
    """How long and with how many workers CP-SAT searches."""

    time_limit_s: float = 20.0
    workers: int = 2
    seed: int = 0
    grid_min: int = 5
    # With two workers, CP-SAT's scheduling neighbourhoods are the ones that improve a week;
    # the other interleaved subsolvers only take turns from them.
    ignore_subsolvers: tuple[str, ...] = (
        "feasibility_pump",
        "ls",
        "rins/rens",
        "graph_arc_lns",
        "graph_cst_lns",
        "graph_dec_lns",
        "graph_var_lns",
        "rnd_cst_lns",
        "rnd_var_lns",
        "scheduling_precedences_lns",
    )


@dataclass
class _Option:
    request: Request
    room: str
    first: int
    last: int
    on_time: bool
    present: cp_model.IntVar
    slot: cp_model.IntVar
    grid: int

    def start_at(self, slot: int) -> int:
        """The start minute of grid slot ``slot``."""
        return slot * self.grid


@dataclass
class _Model:
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    options: list[_Option] = field(default_factory=list)
    rooms: dict[Group, list[cp_model.IntervalVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    people: dict[str, list[cp_model.IntervalVar]] = field(default_factory=lambda: defaultdict(list))
    energy: dict[Group, list[cp_model.LinearExprT]] = field(
        default_factory=lambda: defaultdict(list)
    )
    firsts: dict[str, list[int]] = field(default_factory=dict)


def stretches(prepared: Prepared, room: str) -> spans.Minutes:
    """The room's opening hours, joining stretches closer together than one turnover."""
    joined = ((s, e + prepared.turnover) for s, e in prepared.open.get(room, ()))
    return tuple((s, e - prepared.turnover) for s, e in spans.normalise(joined))


def split_at_due(starts: spans.Minutes, last_start: int) -> Iterator[tuple[int, int, bool]]:
    """Start ranges cut so each lies wholly on time (start <= ``last_start``) or wholly late."""
    for first, last in starts:
        if last <= last_start:
            yield first, last, True
        elif first > last_start:
            yield first, last, False
        else:
            yield first, last_start, True
            yield last_start + 1, last, False


def _group(m: _Model, prepared: Prepared, room: str, first: int) -> Group:
    if room not in m.firsts:
        m.firsts[room] = [s for s, _ in stretches(prepared, room)]
    return room, bisect.bisect_right(m.firsts[room], first) - 1


def _add_options(
    m: _Model, prepared: Prepared, request: Request, people: list[str]
) -> list[_Option]:
    made: list[_Option] = []
    last_start = prepared.due_end(request) - request.duration_min
    size = request.duration_min
    for room, starts in prepared.starts[request.id].items():
        for first, last, on_time in split_at_due(starts, last_start):
            grid = prepared.grid
            if prepared.on_grid(first) > last:
                continue
            name = f"{request.id}@{room}:{first}"
            present = m.model.new_bool_var(f"in_{name}")
            slot = m.model.new_int_var(-(-first // grid), last // grid, f"start_{name}")
            start = slot * grid
            group = _group(m, prepared, room, first)
            m.rooms[group].append(
                m.model.new_optional_fixed_size_interval_var(
                    start, size + prepared.turnover, present, f"room_{name}"
                )
            )
            m.energy[group].append((size + prepared.turnover) * present)
            if people:
                work = m.model.new_optional_fixed_size_interval_var(start, size, present, name)
                for key in people:
                    m.people[key].append(work)
            made.append(_Option(request, room, first, last, on_time, present, slot, grid))
    return made


def _add_booked_rooms(m: _Model, prepared: Prepared) -> None:
    """Fix booked room time in each stretch's no-overlap and take it off its capacity."""
    for room, group_no in list(m.rooms):
        begin, end = stretches(prepared, room)[group_no]
        end += prepared.turnover
        taken = 0
        for n, (b_start, b_end) in enumerate(prepared.busy.rooms.get(room, [])):
            overlap = min(end, b_end) - max(begin, b_start)
            if overlap > 0:
                taken += overlap
                m.rooms[room, group_no].append(
                    m.model.new_fixed_size_interval_var(b_start, b_end - b_start, f"b_{room}_{n}")
                )
        m.model.add(sum(m.energy[room, group_no]) <= end - begin - taken)


def _add_booked_people(m: _Model, prepared: Prepared) -> None:
    """Fix the patients' and operators' booked time in their no-overlap constraints."""
    busy = prepared.busy
    for prefix, table in (("patient:", busy.patients), ("operator:", busy.operators)):
        for key, ranges in table.items():
            target = m.people.get(prefix + key)
            if target is not None:
                target.extend(
                    m.model.new_fixed_size_interval_var(s, e - s, f"b_{key}_{n}")
                    for n, (s, e) in enumerate(ranges)
                )


def _shared(prepared: Prepared) -> set[str]:
    """Patients and operators that more than one case (or a booking) could claim at once;
    the others need no no-overlap of their own (a request takes at most one option)."""
    counts = Counter(
        key for r in prepared.requests if r.id in prepared.starts for key in _people_keys(r)
    )
    booked = {f"patient:{p}" for p in prepared.busy.patients}
    booked |= {f"operator:{o}" for o in prepared.busy.operators}
    return {key for key, n in counts.items() if n > 1 or key in booked}


def _people_keys(request: Request) -> list[str]:
    keys = [f"patient:{request.patient}"]
    if request.operator is not None:
        keys.append(f"operator:{request.operator}")
    return keys


def build(prepared: Prepared, reference: SchedulingReference) -> _Model:
    """The CP-SAT model of the week."""
    m = _Model()
    shared = _shared(prepared)
    late = round(reference.late_credit * SCALE)
    objective: list[cp_model.LinearExprT] = []
    for request in prepared.requests:
        if request.id not in prepared.starts:
            continue
        people = [key for key in _people_keys(request) if key in shared]
        made = _add_options(m, prepared, request, people)
        m.model.add_at_most_one(o.present for o in made)
        weight = reference.weight(request.priority)
        objective.extend(weight * (SCALE if o.on_time else late) * o.present for o in made)
        m.options.extend(made)
    _add_booked_rooms(m, prepared)
    _add_booked_people(m, prepared)
    for intervals in [*m.rooms.values(), *m.people.values()]:
        if len(intervals) > 1:
            m.model.add_no_overlap(intervals)
    m.model.maximize(sum(objective))
    return m


def _hint(m: _Model, prepared: Prepared, hint: Sequence[Placement]) -> None:
    chosen = {p.request: (p.room, spans.to_minutes(prepared.origin, p.start)) for p in hint}
    for o in m.options:
        room, start = chosen.get(o.request.id, ("", -1))
        here = room == o.room and o.first <= start <= o.last
        m.model.add_hint(o.present, here)
        if here:
            m.model.add_hint(o.slot, start // o.grid)


def _solve(m: _Model, options: SolverOptions) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = options.workers
    solver.parameters.max_time_in_seconds = options.time_limit_s
    solver.parameters.random_seed = options.seed
    solver.parameters.ignore_subsolvers.extend(options.ignore_subsolvers)
    return solver, solver.solve(m.model)


def propose_week(
    requests: Sequence[Request],
    resources: WeekResources,
    reference: SchedulingReference,
    options: SolverOptions | None = None,
) -> Proposal:
    """Propose the week that maximises priority-weighted cases done by their due dates.

    Returns placements, the requests left out with their reasons, and the solver's bound
    (no proposal can be worth more than ``bound``).
    """
    options = options or SolverOptions()
    started = time.perf_counter()
    prepared = prepare(requests, resources, reference, options.grid_min)
    greedy = greedy_placements(prepared, reference)
    m = build(prepared, reference)
    _hint(m, prepared, greedy)
    solver, status = _solve(m, options)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _fallback(prepared, reference, greedy, started, solver.status_name(status))
    placed = [
        placement(prepared, o.request, o.room, o.start_at(solver.value(o.slot)))
        for o in m.options
        if solver.boolean_value(o.present)
    ]
    return Proposal(
        placements=tuple(sorted(placed, key=lambda p: (p.start, p.room))),
        unscheduled=unscheduled(prepared, placed),
        status=SolveStatus.OPTIMAL if status == cp_model.OPTIMAL else SolveStatus.FEASIBLE,
        value=proposal_value(placed, requests, reference),
        bound=solver.best_objective_bound / SCALE,
        wall_time_s=time.perf_counter() - started,
    )


def _fallback(
    prepared: Prepared,
    reference: SchedulingReference,
    greedy: Sequence[Placement],
    started: float,
    status: str,
) -> Proposal:
    """The greedy proposal, when the solver found nothing in its time limit."""
    return Proposal(
        placements=tuple(sorted(greedy, key=lambda p: (p.start, p.room))),
        unscheduled=unscheduled(prepared, greedy),
        status=SolveStatus.GREEDY,
        value=proposal_value(greedy, prepared.requests, reference),
        bound=upper_bound(prepared, reference),
        wall_time_s=time.perf_counter() - started,
        notes=(f"CP-SAT ended with status {status}; the greedy proposal is shown instead.",),
    )
