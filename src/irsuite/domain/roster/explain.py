"""Why a roster problem has no solution: a minimal set of clashing rules and dates.

CP-SAT gives a set of assumptions sufficient for infeasibility; a deletion filter then drops
every rule whose removal leaves the rest still infeasible, so what remains is minimal (each
rule named is needed for the clash).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import timedelta

from ortools.sat.python import cp_model

from irsuite.domain.roster.model import Guard, RosterModel
from irsuite.domain.roster.types import RosterProblem, RuleGroup


@dataclass(frozen=True)
class Explanation:
    """The clashing rules, and whether the deletion filter finished shrinking them."""

    guards: list[Guard]
    minimal: bool


def _infeasible_with(
    rm: RosterModel, lits: list[cp_model.IntVar], seconds: float
) -> tuple[bool | None, list[int]]:
    """Solve under ``lits``: (True, core) if infeasible, False if feasible, None if unknown."""
    rm.model.clear_assumptions()
    rm.model.add_assumptions(lits)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    # Full linearisation proves counting clashes (too many duties for too few people) at once.
    solver.parameters.linearization_level = 2
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    status = solver.solve(rm.model)
    if status == cp_model.INFEASIBLE:
        return True, list(solver.sufficient_assumptions_for_infeasibility())
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False, []
    return None, []


def _core(rm: RosterModel, seconds: float) -> list[int] | None:
    """Indices of guards sufficient for infeasibility, or None if ``rm`` is not infeasible."""
    lits = rm.assumptions()
    verdict, core = _infeasible_with(rm, lits, seconds)
    if not verdict:
        return None
    return sorted(set(core) & {lit.index for lit in lits})


def _shrink(rm: RosterModel, core: list[int], deadline: float) -> tuple[list[int], bool]:
    """Deletion filter: drop each guard whose removal leaves the rest infeasible."""
    by_index = {lit.index: lit for lit in rm.assumptions()}
    minimal, i = True, 0
    while i < len(core):
        left = deadline - time.monotonic()
        if left <= 0:
            return core, False
        trial = core[:i] + core[i + 1 :]
        verdict, smaller = _infeasible_with(rm, [by_index[k] for k in trial], min(left, 5.0))
        if verdict:
            kept = set(smaller) & set(trial)
            core = [k for k in trial if k in kept] if kept else trial
        else:
            minimal = minimal and verdict is False
            i += 1
    return core, minimal


def _window(problem: RosterProblem, guards: list[Guard]) -> RosterProblem | None:
    """The problem cut down to the dates around ``guards`` (a relaxation: what clashes
    there clashes in the whole period), or None when that would not be smaller."""
    days = [g.day for g in guards if g.day is not None]
    margin = timedelta(days=max(7, problem.rules.min_rest_days, problem.rules.max_consecutive or 0))
    if not days:
        return None
    first = max(problem.start, min(days) - margin)
    last = min(problem.end, max(days) + margin)
    if (first, last) == (problem.start, problem.end):
        return None
    if any(g.rule is RuleGroup.MAX_PER_MONTH for g in guards):
        return None  # a month's limit needs the whole month
    return replace(problem, start=first, end=last)


def explain(problem: RosterProblem, time_limit: float = 30.0) -> Explanation:
    """The smallest set of rules and dates found that cannot all hold together.

    The first set CP-SAT reports is usually close to the answer; the deletion filter then
    runs on the dates around it only, which is much faster than on the whole period.
    """
    deadline = time.monotonic() + time_limit
    rm = RosterModel(problem, explain=True)
    core = _core(rm, time_limit / 2)
    if core is None:
        return Explanation([], False)
    smaller = _window(problem, [rm.guards[k] for k in core])
    if smaller is not None:
        small = RosterModel(smaller, explain=True)
        small_core = _core(small, max(0.1, (deadline - time.monotonic()) / 2))
        if small_core is not None:
            rm, core = small, small_core
    core, minimal = _shrink(rm, core, deadline)
    guards = [rm.guards[k] for k in core]
    guards.sort(key=lambda g: (g.day is None, g.day, g.rule.value, g.staff or ""))
    return Explanation(guards, minimal)
