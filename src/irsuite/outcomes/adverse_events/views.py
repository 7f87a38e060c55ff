"""Adverse events on a procedure: list, record, change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from irsuite.cases.models import Procedure
from irsuite.errors import ServiceError
from irsuite.outcomes.adverse_events.forms import AeForm
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.adverse_events.services import record_adverse_event, update_adverse_event
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability


def _initial(event: AdverseEvent) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(event, name)
        for name in (
            "timing",
            "onset_date",
            "category",
            "description",
            "treatment",
            "outcome",
            "length_of_stay_hours",
            "sequelae",
            "date_of_death",
            "indicator",
        )
    }
    initial.update({f"grade_{g.scale}": g.grade for g in event.gradings.all()})
    return initial


@require(Capability.RECORD_OUTCOME, Capability.VIEW_QUALITY)
def procedure_outcomes(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """A procedure's adverse events, the form to record one, and the review flag."""
    procedure = get_object_or_404(
        Procedure.objects.select_related("request__catalogue_entry"), pk=procedure_id
    )
    can_record = has_capability(request.user, Capability.RECORD_OUTCOME)
    form = AeForm(request.POST or None, procedure=procedure, initial={"onset_date": procedure.day})
    if request.method == "POST" and can_record and form.is_valid():
        try:
            record_adverse_event(procedure, form.as_input(), by=request.user)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Adverse event recorded.")
            return redirect("outcomes:procedure_outcomes", procedure.pk)
    return render(
        request,
        "outcomes/procedure_outcomes.html",
        {
            "procedure": procedure,
            "form": form,
            "can_record": can_record,
            "events": procedure.adverse_events.prefetch_related("gradings"),
            "review": getattr(procedure, "review_case", None)
            if has_capability(request.user, Capability.PEER_REVIEW)
            else None,
        },
    )


@require(Capability.RECORD_OUTCOME)
def ae_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """Change an adverse event (audited)."""
    event = get_object_or_404(AdverseEvent.objects.select_related("procedure"), pk=event_id)
    form = AeForm(request.POST or None, procedure=event.procedure, initial=_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            update_adverse_event(event, form.as_input(), by=request.user)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Adverse event changed.")
            return redirect("outcomes:procedure_outcomes", event.procedure_id)
    return render(request, "outcomes/ae_edit.html", {"event": event, "form": form})
