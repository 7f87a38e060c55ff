"""Small roster problems for the tests."""

from __future__ import annotations

from copy import deepcopy
from datetime import date
from typing import Any

from irsuite.domain.roster import (
    Assignment,
    RosterProblem,
    SolveOptions,
    parse_problem,
    solve_problem,
)

# One CP-SAT worker searches the same way on every run, so a problem gets the same answer each
# time; these problems are solved and proven in milliseconds, so the time limits are never what
# ends a solve (they only stop a broken one).
EXACT = SolveOptions(time_limit=120.0, num_workers=1, explain_limit=120.0)


def call_type(name: str, days: str = "all", **extra: Any) -> dict[str, Any]:
    """A call type dict with sensible defaults."""
    base: dict[str, Any] = {
        "name": name,
        "days": days,
        "needs": 1,
        "roles": ["attending"],
        "night": False,
        "site": None,
        "kind": "primary",
    }
    base.update(extra)
    return base


def person(sid: str, role: str = "attending", fte: float = 1.0, **extra: Any) -> dict[str, Any]:
    """A staff dict with sensible defaults."""
    base: dict[str, Any] = {"id": sid, "role": role, "fte": fte, "leave": [], "prefers_off": []}
    base.update(extra)
    return base


def problem(
    start: str = "2027-03-01",
    end: str = "2027-03-14",
    call_types: list[dict[str, Any]] | None = None,
    staff: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A two-week problem (Mon 1 to Sun 14 March 2027) with one daily call type by default."""
    data: dict[str, Any] = {
        "start": start,
        "end": end,
        "call_types": call_types if call_types is not None else [call_type("daily")],
        "staff": staff if staff is not None else [person(f"s{k}") for k in range(4)],
        "holidays": [],
        "rules": {},
        "history": {},
    }
    data.update(deepcopy(extra))
    return data


def solve(data: dict[str, Any]) -> dict[str, Any]:
    """Solve ``data`` to optimality."""
    return solve_problem(parse_problem(data), EXACT)


def roster_of(out: dict[str, Any]) -> list[Assignment]:
    """The assignments of a result as Assignment values."""
    return [
        Assignment(date.fromisoformat(a["date"]), a["call_type"], a["staff"])
        for a in out["assignments"]
    ]


def parsed(data: dict[str, Any]) -> RosterProblem:
    """The validated problem."""
    return parse_problem(data)


def d(text: str) -> date:
    """A date from ISO text."""
    return date.fromisoformat(text)
