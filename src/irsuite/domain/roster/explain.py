"""Why a roster problem has no solution: a minimal set of clashing rules and dates.

CP-SAT gives a set of assumptions sufficient for infeasibility; a deletion filter then drops
every rule whose removal leaves the rest still infeasible, so what remains is minimal (each
rule named is needed for the clash).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from irsuite.domain.roster.model import Guard, RosterModel
from irsuite.domain.roster.types import RosterProblem


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


def explain(problem: RosterProblem, time_limit: float = 30.0) -> Explanation:
    """The smallest set of rules and dates found that cannot all hold together."""
    deadline = time.monotonic() + time_limit
    rm = RosterModel(problem, explain=True)
    by_index = {lit.index: lit for lit in rm.assumptions()}
    verdict, core = _infeasible_with(rm, list(by_index.values()), time_limit / 2)
    if not verdict:
        return Explanation([], False)
    core = sorted(set(core) & by_index.keys())
    minimal, i = True, 0
    while i < len(core):
        left = deadline - time.monotonic()
        if left <= 0:
            minimal = False
            break
        trial = core[:i] + core[i + 1 :]
        verdict, smaller = _infeasible_with(rm, [by_index[k] for k in trial], min(left, 5.0))
        if verdict:
            kept = set(smaller) & set(trial)
            core = [k for k in trial if k in kept] if kept else trial
        else:
            minimal = minimal and verdict is False
            i += 1
    guards = [rm.guards[k] for k in core]
    guards.sort(key=lambda g: (g.day is None, g.day, g.rule.value, g.staff or ""))
    return Explanation(guards, minimal)
