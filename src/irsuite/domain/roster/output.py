"""The JSON-ready result of a roster solve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from irsuite.domain.roster.fairness import summary
from irsuite.domain.roster.types import Assignment, RosterProblem, Status


@dataclass(frozen=True)
class Bounds:
    """Objective value, proven bound and relative gap of one optimisation stage."""

    objective: float | None = None
    best_bound: float | None = None

    @property
    def gap(self) -> float | None:
        """(objective - bound) / objective, 0 when both are 0."""
        if self.objective is None or self.best_bound is None:
            return None
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.best_bound) / self.objective)


@dataclass(frozen=True)
class Extras:
    """Optional parts of a result."""

    fairness: Bounds = Bounds()
    preferences: Bounds = Bounds()
    details: Sequence[dict[str, Any]] = field(default_factory=list)


def preference_report(problem: RosterProblem, roster: Sequence[Assignment]) -> dict[str, Any]:
    """How many prefers-off days were honoured, and which were not."""
    asked = sum(len(s.prefers_off) for s in problem.staff)
    staff = problem.staff_by_id()
    broken = [a for a in roster if a.staff in staff and a.day in staff[a.staff].prefers_off]
    return {
        "requested": asked,
        "honoured": asked - len(broken),
        "not_honoured": [{"date": a.day.isoformat(), "staff": a.staff} for a in broken],
    }


def result(
    problem: RosterProblem,
    status: Status,
    roster: Sequence[Assignment],
    conflicts: Sequence[str],
    elapsed: float,
    extras: Extras = Extras(),
) -> dict[str, Any]:
    """Assemble the output object of a solve.

    ``objective``, ``best_bound`` and ``gap`` describe the fairness stage (the sum over kinds
    of the largest deviation from a fair share, in hundredths of a duty per FTE); the
    preference stage is reported under ``preferences``.
    """
    prefs = preference_report(problem, roster)
    prefs.update(objective=extras.preferences.objective, best_bound=extras.preferences.best_bound)
    return {
        "status": status.value,
        "assignments": [
            {"date": a.day.isoformat(), "call_type": a.call_type, "staff": a.staff}
            for a in sorted(roster)
        ],
        "fairness": summary(problem, roster) if roster else {},
        "preferences": prefs,
        "conflicts": list(conflicts),
        "conflict_details": list(extras.details),
        "objective": extras.fairness.objective,
        "best_bound": extras.fairness.best_bound,
        "gap": extras.fairness.gap,
        "solve_time_s": round(elapsed, 3),
    }
