"""On-call rosters: validation, a CP-SAT optimiser, a greedy baseline and a swap checker."""

from irsuite.domain.roster.checker import Swap, apply_swap, check_roster, check_swap
from irsuite.domain.roster.greedy import greedy_roster, solve_greedy
from irsuite.domain.roster.parse import FieldError, RosterInputError, parse_problem
from irsuite.domain.roster.solver import SolveOptions, solve_problem, solve_roster
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
