"""Solving a roster with CP-SAT: fairness first, then preferences, or an explanation."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from irsuite.domain.roster.explain import explain
from irsuite.domain.roster.greedy import greedy_roster
from irsuite.domain.roster.model import RosterModel
from irsuite.domain.roster.output import Bounds, Extras, result
from irsuite.domain.roster.parse import parse_problem
from irsuite.domain.roster.types import Assignment, RosterProblem, Status

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SolveOptions:
    """Limits of a solve; ``fairness_share`` is the part of the time given to stage one."""

    time_limit: float = 60.0
    num_workers: int = 2
    fairness_share: float = 0.7
    explain_limit: float = 30.0
    relative_gap: float = 0.0
    presolve_iterations: int = 1


def _quiet(_: str) -> None:
    return None


def _stage_bounds(solver: cp_model.CpSolver) -> Bounds:
    """Objective and proven bound of a stage. Both stages minimise whole numbers (hundredths of a
    duty per FTE, prefers-off days worked); CP-SAT reports them as floating point with scaling
    noise (340.00000000000006), so they are rounded back to the integers they are."""
    return Bounds(float(round(solver.objective_value)), float(round(solver.best_objective_bound)))


def _solver(options: SolveOptions, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = options.num_workers
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.relative_gap_limit = options.relative_gap
    # One presolve pass is enough for this model; more mostly cost time on loaded machines.
    solver.parameters.max_presolve_iterations = options.presolve_iterations
    return solver


def solve_roster(
    data: Mapping[str, Any], options: SolveOptions = SolveOptions(), progress: Progress = _quiet
) -> dict[str, Any]:
    """Validate ``data`` and solve it; raises RosterInputError on bad input."""
    return solve_problem(parse_problem(data), options, progress)


def solve_problem(
    problem: RosterProblem, options: SolveOptions = SolveOptions(), progress: Progress = _quiet
) -> dict[str, Any]:
    """Solve ``problem``: minimise the largest per-FTE deviation from a fair share of nights,
    weekends and holidays, then, with fairness held at that level, honour as many
    prefers-off days as possible. When no roster exists, name the clashing rules."""
    began = time.perf_counter()
    progress("greedy starting roster")
    hint, _ = greedy_roster(problem)
    rm = RosterModel(problem)
    rm.model.minimize(rm.add_fairness())
    rm.hint(hint)
    progress(f"fairness stage: {len(rm.x)} variables")
    solver = _solver(options, options.time_limit * options.fairness_share)
    status = solver.solve(rm.model)
    if status == cp_model.INFEASIBLE:
        return _infeasible(problem, options, began, progress)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        text = "no roster found within the time limit; allow more time or relax a rule"
        return result(problem, Status.UNKNOWN, [], [text], time.perf_counter() - began)
    fairness = _stage_bounds(solver)
    roster = rm.roster(solver)
    optimal = status == cp_model.OPTIMAL
    progress(f"fairness stage: objective {fairness.objective:g}, bound {fairness.best_bound:g}")
    prefs = rm.preference_terms()
    preferences = Bounds(0.0, 0.0)
    if prefs:
        left = options.time_limit - (time.perf_counter() - began)
        roster, preferences, stage_optimal = _preferences(rm, solver, roster, options, left)
        optimal = optimal and stage_optimal
        progress(f"preference stage: {preferences.objective:g} prefers-off days worked")
    final = Status.OPTIMAL if optimal else Status.FEASIBLE
    extras = Extras(fairness, preferences)
    return result(problem, final, roster, [], time.perf_counter() - began, extras)


def _preferences(
    rm: RosterModel,
    solver: cp_model.CpSolver,
    roster: list[Assignment],
    options: SolveOptions,
    seconds: float,
) -> tuple[list[Assignment], Bounds, bool]:
    """Hold every fairness deviation at its stage-one value and minimise prefers-off days."""
    for dev in rm.deviation.values():
        rm.model.add(dev <= solver.value(dev))
    rm.model.minimize(sum(rm.preference_terms()))
    rm.hint(roster)
    second = _solver(options, seconds)
    status = second.solve(rm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        worked = sum(solver.value(v) for v in rm.preference_terms())
        return roster, Bounds(float(worked), None), False
    bounds = _stage_bounds(second)
    return rm.roster(second), bounds, status == cp_model.OPTIMAL


def _infeasible(
    problem: RosterProblem, options: SolveOptions, began: float, progress: Progress
) -> dict[str, Any]:
    progress("no roster exists; looking for the rules that clash")
    why = explain(problem, options.explain_limit)
    if not why.guards:
        texts = ["no roster satisfies the rules, and no smaller clash could be isolated"]
    else:
        lead = "these rules cannot all hold together" + ("" if why.minimal else " (not minimal)")
        texts = [f"{lead}:"] + [g.text for g in why.guards]
    details = [
        {
            "rule": g.rule.value,
            "date": g.day.isoformat() if g.day else None,
            "staff": g.staff,
            "call_type": g.call_type,
            "text": g.text,
        }
        for g in why.guards
    ]
    elapsed = time.perf_counter() - began
    return result(problem, Status.INFEASIBLE, [], texts, elapsed, Extras(details=details))
