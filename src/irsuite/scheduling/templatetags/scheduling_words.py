"""Template filters that put the scheduling pages' coded values into words."""

from __future__ import annotations

from django import template

from irsuite.domain.booking import SolveStatus
from irsuite.domain.roster.types import Status as RosterStatus

register = template.Library()

# How a solve ended, as a scheduler or roster manager reads it.
SOLVE_WORDS: dict[str, str] = {
    RosterStatus.OPTIMAL.value: "best possible (proven)",
    RosterStatus.FEASIBLE.value: "good, not proven best",
    RosterStatus.INFEASIBLE.value: "no answer keeps every rule",
    RosterStatus.UNKNOWN.value: "no answer in the time allowed",
    SolveStatus.GREEDY.value: "first fit (the solver found nothing better in time)",
    "error": "failed",
}


@register.filter
def solve_words(value: object) -> str:
    """A solver's status in words ("not solved" when there is none)."""
    text = str(value or "")
    return SOLVE_WORDS.get(text, text.replace("_", " ") or "not solved")


@register.filter
def service_words(value: object) -> str:
    """A service's key (``interventional_oncology``) as words."""
    return str(value or "").replace("_", " ").replace("-", " ")
