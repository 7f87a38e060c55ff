"""On-call rosters: validation, a CP-SAT optimiser, a greedy baseline and a swap checker.

The optimiser's names are loaded on first use: OR-Tools (with pandas) takes seconds to import,
which every command and process start that only needs the roster's types would pay.
"""

from typing import TYPE_CHECKING, Any

from irsuite.domain.roster.checker import Swap, apply_swap, check_roster, check_swap
from irsuite.domain.roster.greedy import greedy_roster, solve_greedy
from irsuite.domain.roster.parse import FieldError, RosterInputError, parse_problem
from irsuite.domain.roster.types import (
    Assignment,
    CallKind,
    CallType,
    DaySet,
    FairnessKind,
    History,
    Role,
    RosterProblem,
    RuleGroup,
    Rules,
    Staff,
    Status,
    Violation,
)

if TYPE_CHECKING:
    from irsuite.domain.roster.solver import SolveOptions, solve_problem, solve_roster

_SOLVER_NAMES = frozenset({"SolveOptions", "solve_problem", "solve_roster"})


def __getattr__(name: str) -> Any:
    if name in _SOLVER_NAMES:
        from irsuite.domain.roster import solver

        return getattr(solver, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Assignment",
    "CallKind",
    "CallType",
    "DaySet",
    "FairnessKind",
    "FieldError",
    "History",
    "Role",
    "RosterInputError",
    "RosterProblem",
    "RuleGroup",
    "Rules",
    "SolveOptions",
    "Staff",
    "Status",
    "Swap",
    "Violation",
    "apply_swap",
    "check_roster",
    "check_swap",
    "greedy_roster",
    "parse_problem",
    "solve_greedy",
    "solve_problem",
    "solve_roster",
]
