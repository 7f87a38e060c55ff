"""API: the follow-up tasks due soon or overdue, per clinician."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router

from irsuite.apiutil import page
from irsuite.bounds import DbId, Limit, Offset
from irsuite.outcomes.followup.queries import due_tasks, is_overdue
from irsuite.outcomes.followup.schemas import FollowUpDueOut, FollowUpDuePage
from irsuite.people.access import allow, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability as C

HORIZON_MAX_DAYS = 365  # tasks due within a year: the longest follow-up interval

router = Router()


# Operation ids are part of the published API: each route keeps the id it was published with.
@router.get(
    "/followup/due", response=FollowUpDuePage, operation_id="irsuite_outcomes_api_followup_due"
)
@allow(C.RECORD_OUTCOME)
def followup_due(
    request: HttpRequest,
    clinician: DbId | None = None,
    horizon_days: Annotated[int, Field(ge=0, le=HORIZON_MAX_DAYS)] = 14,
    limit: Limit = 100,
    offset: Offset = 0,
) -> FollowUpDuePage:
    """Open follow-up tasks due soon or overdue, for one clinician (default: the caller)."""
    who = get_object_or_404(Staff, pk=clinician) if clinician else staff_of(request.user)
    today = timezone.localdate()
    tasks, count = page(due_tasks(who, today, horizon_days), limit, offset)
    items = [
        FollowUpDueOut(
            id=t.pk,
            procedure=t.procedure_id,
            kind=t.kind,
            description=t.description,
            due_date=t.due_date,
            window_days=t.window_days,
            assigned_to=t.assigned_to_id,
            overdue=is_overdue(t, today),
        )
        for t in tasks
    ]
    return FollowUpDuePage(items=items, count=count)
