"""A greedy round-robin roster: day by day, each slot goes to the least-loaded person who may
take it. Used as the baseline the optimiser is measured against, and as its starting hint."""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from irsuite.domain.roster import words
from irsuite.domain.roster.calendar import Slot, month_key, slots
from irsuite.domain.roster.output import result
from irsuite.domain.roster.types import (
    TRAINEE_ROLES,
    Assignment,
    FairnessKind,
    Role,
    RosterProblem,
    Staff,
    Status,
)


class _State:
    """What has been assigned so far."""

    def __init__(self, problem: RosterProblem) -> None:
        self.problem = problem
        self.duty: dict[str, set[date]] = defaultdict(set)
        self.nights: dict[str, set[date]] = defaultdict(set)
        self.month: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
        self.load: dict[tuple[str, FairnessKind], int] = defaultdict(int)
        self.attending_on: set[tuple[date, str | None]] = set()
        for kind, per in problem.history.counts.items():
            for sid, n in per.items():
                self.load[(sid, kind)] = n

    def allowed(self, s: Staff, slot: Slot) -> bool:
        rules, day = self.problem.rules, slot.day
        if s.role not in slot.call_type.roles or day in s.leave or day in self.duty[s.id]:
            return False
        before = day - timedelta(days=1)
        if rules.no_duty_after_night and before in self.nights[s.id]:
            return False
        if rules.max_consecutive and self._run(s.id, day) >= rules.max_consecutive:
            return False
        rest = range(1, rules.min_rest_days + 1)
        if any(day - timedelta(days=k) in self.duty[s.id] for k in rest):
            return False
        if rules.max_per_month and self.month[(s.id, month_key(day))] >= rules.max_per_month:
            return False
        paired = (day, slot.call_type.site) in self.attending_on
        needs_pair = rules.pair_trainee_with_attending and s.role in TRAINEE_ROLES
        return paired or not needs_pair

    def _run(self, sid: str, day: date) -> int:
        run = 0
        while day - timedelta(days=run + 1) in self.duty[sid]:
            run += 1
        return run

    def score(self, s: Staff, slot: Slot) -> tuple[float, int, float, str]:
        kind_load = sum(self.load[(s.id, k)] for k in slot.kinds) / s.fte
        total = len(self.duty[s.id]) / s.fte
        return (kind_load, int(slot.day in s.prefers_off), total, s.id)

    def take(self, s: Staff, slot: Slot) -> None:
        self.duty[s.id].add(slot.day)
        if slot.call_type.night:
            self.nights[s.id].add(slot.day)
        self.month[(s.id, month_key(slot.day))] += 1
        for k in slot.kinds:
            self.load[(s.id, k)] += 1
        if s.role is Role.ATTENDING:
            self.attending_on.add((slot.day, slot.call_type.site))


def greedy_roster(problem: RosterProblem) -> tuple[list[Assignment], list[str]]:
    """The greedy roster and a sentence for each slot it could not fill."""
    state = _State(problem)
    out: list[Assignment] = []
    gaps: list[str] = []
    trainee_last = sorted(
        slots(problem), key=lambda s: (s.day, bool(s.call_type.roles & TRAINEE_ROLES))
    )
    for slot in trainee_last:
        free = sorted(
            (s for s in problem.staff if state.allowed(s, slot)), key=lambda s: state.score(s, slot)
        )
        for s in free[: slot.call_type.needs]:
            state.take(s, slot)
            out.append(Assignment(slot.day, slot.call_type.name, s.id))
        if len(free) < slot.call_type.needs:
            gaps.append(f"{words.coverage(slot.call_type, slot.day)}: only {len(free)} free")
    return sorted(out), gaps


def solve_greedy(problem: RosterProblem) -> dict[str, Any]:
    """Solve with the greedy baseline; same output shape as the optimiser."""
    began = time.perf_counter()
    roster, gaps = greedy_roster(problem)
    status = Status.INFEASIBLE if gaps else Status.FEASIBLE
    return result(problem, status, roster, gaps, time.perf_counter() - began)
