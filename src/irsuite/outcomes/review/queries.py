"""Read side of M&M: the review queue and the concluded reviews, filtered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet

from irsuite.cases.models import CaseRole, TeamMember
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.review.models import ReviewCase

RESPONSIBLE = (CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING)


class ReviewState(models.TextChoices):
    """Which of the page's two lists to show."""

    BOTH = "all", "Awaiting review and concluded"
    AWAITING = "awaiting", "Awaiting review"
    CONCLUDED = "concluded", "Concluded"


@dataclass(frozen=True)
class ReviewFilters:
    """The M&M page's filters (each None or empty when not given)."""

    state: ReviewState = ReviewState.BOTH
    conference: int | None = None
    reason: str = ""  # a FlagReason value
    category: str = ""  # an AeCategory value: a case with an adverse event of that category
    major: bool = False  # only cases with a major adverse event
    operator: int | None = None  # the responsible attending (a Staff id)
    date_from: dt.date | None = None  # the day of the procedure
    date_to: dt.date | None = None


def _filtered(filters: ReviewFilters) -> QuerySet[ReviewCase]:
    found = ReviewCase.objects.all()
    if filters.conference is not None:
        found = found.filter(conference_id=filters.conference)
    if filters.reason:
        # `reasons` is a JSON list of codes; the quoted code is found in its text on SQLite
        # and PostgreSQL alike (no code is part of another).
        found = found.filter(reasons__icontains=f'"{filters.reason}"')
    events = AdverseEvent.objects.filter(procedure_id=OuterRef("procedure_id"))
    if filters.category:
        found = found.filter(Exists(events.filter(category=filters.category)))
    if filters.major:
        found = found.filter(Exists(events.filter(major=True)))
    if filters.operator is not None:
        team = TeamMember.objects.filter(
            procedure_id=OuterRef("procedure_id"), staff_id=filters.operator, role__in=RESPONSIBLE
        )
        found = found.filter(Exists(team))
    if filters.date_from is not None:
        found = found.filter(procedure__day__gte=filters.date_from)
    if filters.date_to is not None:
        found = found.filter(procedure__day__lte=filters.date_to)
    return found.select_related("procedure__request__catalogue_entry", "conference")


def awaiting(filters: ReviewFilters) -> QuerySet[ReviewCase]:
    """Flagged cases not yet concluded, most recently flagged first."""
    return _filtered(filters).filter(outcome="").order_by("-flagged_at", "-pk")


def concluded(filters: ReviewFilters) -> QuerySet[ReviewCase]:
    """Concluded reviews, most recently concluded first."""
    return _filtered(filters).exclude(outcome="").order_by("-concluded_at", "-pk")
