"""Which cases go to morbidity and mortality (M&M) review, and why.

Triggers are department configuration (``[review]`` in ``ae_scales.toml``): an adverse event at
or above a grade on its own scale, a return to the suite within N days, a death within N days.
A person can also flag any case by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from irsuite.domain.ae_scales import AeScale, Grading, ScaleBook, any_at_or_above


class FlagReason(enum.Enum):
    """Why a case is on the review list."""

    ADVERSE_EVENT_GRADE = "adverse_event_grade"
    RETURN_TO_SUITE = "return_to_suite"
    DEATH = "death"
    MANUAL = "manual"


class ReviewOutcome(enum.Enum):
    """Conclusion of a peer review of one case."""

    STANDARD_MET = "standard_met"
    OPPORTUNITY_FOR_IMPROVEMENT = "opportunity_for_improvement"
    STANDARD_NOT_MET = "standard_not_met"


@dataclass(frozen=True)
class ReviewTriggers:
    """Configured automatic triggers."""

    grade_thresholds: tuple[Grading, ...]
    return_within_days: int
    death_within_days: int
    planned_return_codes: frozenset[str] = frozenset()


def parse_review_triggers(data: Mapping[str, object]) -> ReviewTriggers:
    """Parse the ``[review]`` table of ``ae_scales.toml``."""
    review = data.get("review")
    if not isinstance(review, dict):
        raise ValueError("ae scales: a [review] table is needed for M&M triggers")
    thresholds = review.get("flag_at_or_above", {})
    if not isinstance(thresholds, dict):
        raise ValueError("[review] flag_at_or_above must map a scale to a grade")
    return ReviewTriggers(
        grade_thresholds=tuple(Grading(AeScale(s), str(g)) for s, g in thresholds.items()),
        return_within_days=int(review["return_within_days"]),
        death_within_days=int(review["death_within_days"]),
        planned_return_codes=frozenset(str(c) for c in review.get("planned_return_codes", [])),
    )


@dataclass(frozen=True)
class CaseFacts:
    """What the trigger rules look at for one procedure."""

    performed_on: date
    gradings: tuple[Grading, ...] = ()
    next_procedure_on: date | None = None
    died_on: date | None = None


def _within(start: date, later: date | None, days: int) -> bool:
    return later is not None and 0 <= (later - start).days <= days


def automatic_flags(
    book: ScaleBook, triggers: ReviewTriggers, facts: CaseFacts
) -> list[FlagReason]:
    """The automatic reasons (possibly none) for reviewing this case."""
    reasons = []
    if any_at_or_above(book, facts.gradings, triggers.grade_thresholds):
        reasons.append(FlagReason.ADVERSE_EVENT_GRADE)
    if _within(facts.performed_on, facts.next_procedure_on, triggers.return_within_days):
        reasons.append(FlagReason.RETURN_TO_SUITE)
    if _within(facts.performed_on, facts.died_on, triggers.death_within_days):
        reasons.append(FlagReason.DEATH)
    return reasons


def flagged_gradings(
    book: ScaleBook, triggers: ReviewTriggers, gradings: Iterable[Grading]
) -> list[Grading]:
    """The gradings that reach a configured threshold (to show why a case was flagged)."""
    return [g for g in gradings if any_at_or_above(book, [g], triggers.grade_thresholds)]
