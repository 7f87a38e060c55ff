"""API: the adverse events of a procedure, listed and recorded."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from irsuite.bounds import DbId
from irsuite.cases.models import Procedure
from irsuite.outcomes.adverse_events import services as ae_services
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.adverse_events.schemas import (
    AdverseEventIn,
    AdverseEventOut,
    AdverseEventPage,
    GradingIn,
)
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router()


def _ae_out(event: AdverseEvent) -> AdverseEventOut:
    return AdverseEventOut(
        id=event.pk,
        procedure=event.procedure_id,
        timing=event.timing,
        onset_date=event.onset_date,
        category=event.category,
        description=event.description,
        treatment=event.treatment,
        outcome=event.outcome,
        indicator=event.indicator,
        major=event.major,
        gradings=[GradingIn(scale=g.scale, grade=g.grade) for g in event.gradings.all()],
    )


# Operation ids are part of the published API: each route keeps the id it was published with.
@router.get(
    "/procedures/{procedure_id}/adverse-events",
    response=AdverseEventPage,
    operation_id="irsuite_outcomes_api_list_adverse_events",
)
@allow(C.RECORD_OUTCOME, C.VIEW_QUALITY)
def list_adverse_events(request: HttpRequest, procedure_id: DbId) -> AdverseEventPage:
    """The adverse events recorded on a procedure."""
    procedure = get_object_or_404(Procedure, pk=procedure_id)
    events = list(procedure.adverse_events.prefetch_related("gradings"))
    return AdverseEventPage(items=[_ae_out(e) for e in events], count=len(events))


@router.post(
    "/procedures/{procedure_id}/adverse-events",
    response={201: AdverseEventOut},
    operation_id="irsuite_outcomes_api_create_adverse_event",
)
@allow(C.RECORD_OUTCOME)
def create_adverse_event(
    request: HttpRequest, procedure_id: DbId, data: AdverseEventIn
) -> tuple[int, AdverseEventOut]:
    """Record an adverse event with one or more (scale, grade) pairs."""
    procedure = get_object_or_404(Procedure, pk=procedure_id)
    payload = ae_services.AeInput(
        timing=data.timing,
        onset_date=data.onset_date,
        category=data.category,
        description=data.description,
        gradings=[(g.scale, g.grade) for g in data.gradings],
        treatment=data.treatment,
        outcome=data.outcome,
        length_of_stay_hours=data.length_of_stay_hours,
        sequelae=data.sequelae,
        date_of_death=data.date_of_death,
        indicator=data.indicator,
    )
    event = ae_services.record_adverse_event(procedure, payload, by=request.user, channel="api")  # type: ignore[arg-type]
    return 201, _ae_out(event)
