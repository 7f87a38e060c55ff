"""API: the IVC filter report, and recording a filter's retrieval plan, retrieval, permanent
decision or loss to follow-up."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router

from irsuite.bounds import DbId, Limit, Offset
from irsuite.outcomes.devices import queries as ivc_queries
from irsuite.outcomes.devices.models import IvcFilter
from irsuite.outcomes.devices.schemas import IvcFilterActionIn, IvcFilterOut, IvcFilterPage
from irsuite.outcomes.devices.services import update_filter
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router()


def _filter_out(r: ivc_queries.FilterRow) -> IvcFilterOut:
    return IvcFilterOut(
        id=r.item.pk,
        placement=r.item.placement_id,
        placed_on=r.item.placed_on,
        status=r.state.status.value,
        dwell_days=r.state.dwell_days,
        in_place=r.state.in_place,
        needs_attention=r.needs_attention,
        retrieval_planned_on=r.item.retrieval_planned_on,
        retrieved_on=r.item.retrieved_on,
    )


# Operation ids are part of the published API: each route keeps the id it was published with.
@router.get("/ivc-filters", response=IvcFilterPage, operation_id="irsuite_outcomes_api_ivc_filters")
@allow(C.RECORD_OUTCOME, C.VIEW_QUALITY)
def ivc_filters(
    request: HttpRequest, in_place: bool | None = None, limit: Limit = 100, offset: Offset = 0
) -> IvcFilterPage:
    """Every IVC filter followed by the service, with its status and dwell time."""
    rows = ivc_queries.filter_report(timezone.localdate(), in_place=in_place)
    chunk = rows[max(0, offset) : max(0, offset) + max(1, min(limit, 500))]
    return IvcFilterPage(items=[_filter_out(r) for r in chunk], count=len(rows))


@router.post(
    "/ivc-filters/{filter_id}/actions",
    response=IvcFilterOut,
    operation_id="irsuite_outcomes_api_ivc_filter_action",
)
@allow(C.RECORD_OUTCOME)
def ivc_filter_action(
    request: HttpRequest, filter_id: DbId, data: IvcFilterActionIn
) -> IvcFilterOut:
    """Record a filter's planned retrieval or its retrieval (``on``: the date), the decision to
    keep it permanently (``reason``), or that the patient is lost to follow-up (audited)."""
    item = get_object_or_404(IvcFilter, pk=filter_id)
    item = update_filter(item, data.action, by=request.user, on=data.on, reason=data.reason)  # type: ignore[arg-type]
    return _filter_out(ivc_queries.filter_row(item, timezone.localdate()))
