"""The IVC filter report: every filter with its status and dwell time, and what the team records
about each one still in (retrieval planned or done, kept permanently, lost to follow-up)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from irsuite.errors import ServiceError
from irsuite.outcomes.devices import queries as ivc_queries
from irsuite.outcomes.devices.forms import FilterActionForm
from irsuite.outcomes.devices.models import IvcFilter
from irsuite.outcomes.devices.services import FilterAction, update_filter
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability


@require(Capability.RECORD_OUTCOME, Capability.VIEW_QUALITY)
def ivc_filters(request: HttpRequest) -> HttpResponse:
    """Every IVC filter: placed, retrieved, retrieval planned, permanent, lost; with dwell time."""
    today = timezone.localdate()
    rows = ivc_queries.filter_report(today)
    return render(
        request,
        "outcomes/ivc_filters.html",
        {
            "rows": rows,
            "summary": ivc_queries.summary(rows),
            "attention": sum(1 for r in rows if r.needs_attention),
            "can_record": has_capability(request.user, Capability.RECORD_OUTCOME),
            "actions": FilterAction.choices,
            "today": today,
        },
    )


@require_POST
@require(Capability.RECORD_OUTCOME)
def ivc_filter_action(request: HttpRequest, filter_id: int) -> HttpResponse:
    """Record one action about a filter from the report page, then show the report again."""
    item = get_object_or_404(IvcFilter, pk=filter_id)
    form = FilterActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to record, with a valid date.")
        return redirect("outcomes:ivc_filters")
    data = form.cleaned_data
    try:
        update_filter(
            item,
            data["action"],
            by=request.user,  # type: ignore[arg-type]
            on=data["on"],
            reason=data["reason"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        label = FilterAction(data["action"]).label
        messages.success(request, f"Filter placed {date_format(item.placed_on)}: {label} recorded.")
    return redirect("outcomes:ivc_filters")
