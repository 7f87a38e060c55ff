"""API: quality indicators, adverse events, follow-up due lists, IVC filters, case logs."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from irsuite.apiutil import ensure, page
from irsuite.cases.models import CatalogueEntry, Procedure
from irsuite.errors import NotFound, ValidationFailed
from irsuite.outcomes.adverse_events import services as ae_services
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.caselog import queries as caselog_queries
from irsuite.outcomes.devices import queries as ivc_queries
from irsuite.outcomes.followup.visit_services import due_tasks, is_overdue
from irsuite.outcomes.quality.queries import QualityFilter, indicator_results
from irsuite.outcomes.schemas import (
    AdverseEventIn,
    AdverseEventOut,
    AdverseEventPage,
    CaseLogOut,
    CaseLogProgressOut,
    CaseLogRowOut,
    FollowUpDueOut,
    FollowUpDuePage,
    GradingIn,
    IndicatorOut,
    IndicatorPage,
    IvcFilterOut,
    IvcFilterPage,
)
from irsuite.people.access import staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability as C

router = Router(tags=["outcomes"])


class IndicatorQuery(Schema):
    catalogue: str
    date_from: dt.date = Field(..., alias="from")
    date_to: dt.date = Field(..., alias="to")
    operator: int | None = None


@router.get("/quality/indicators", response=IndicatorPage)
def quality_indicators(
    request: HttpRequest,
    filters: Query[IndicatorQuery],
) -> IndicatorPage:
    """Each quality indicator of a catalogue entry over a period: rate, Wilson 95% CI, threshold."""
    ensure(request, C.VIEW_QUALITY)
    catalogue, operator = filters.catalogue, filters.operator
    date_from, date_to = filters.date_from, filters.date_to
    if date_to < date_from:
        raise ValidationFailed("`to` is before `from`: swap the dates.")
    entry = CatalogueEntry.objects.filter(code=catalogue).first()
    if entry is None:
        raise NotFound(f"No catalogue entry has the code {catalogue!r}.")
    results = indicator_results(QualityFilter(entry, date_from, date_to, operator=operator))
    items = [
        IndicatorOut(
            indicator=r.spec.indicator,
            label=r.spec.label,
            kind=r.spec.kind.value,
            direction=r.spec.direction.value,
            events=r.events,
            denominator=r.denominator,
            rate=r.rate if r.denominator else None,
            ci_low=r.ci_low if r.denominator else None,
            ci_high=r.ci_high if r.denominator else None,
            threshold=r.spec.threshold,
            above_threshold=r.above_threshold,
            triggers_review=r.triggers_review,
            verified=r.spec.verified,
        )
        for r in results
    ]
    return IndicatorPage(
        catalogue=entry.code, date_from=date_from, date_to=date_to, operator=operator, items=items
    )


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


@router.get("/procedures/{procedure_id}/adverse-events", response=AdverseEventPage)
def list_adverse_events(request: HttpRequest, procedure_id: int) -> AdverseEventPage:
    """The adverse events recorded on a procedure."""
    ensure(request, C.RECORD_OUTCOME, C.VIEW_QUALITY)
    procedure = get_object_or_404(Procedure, pk=procedure_id)
    events = list(procedure.adverse_events.prefetch_related("gradings"))
    return AdverseEventPage(items=[_ae_out(e) for e in events], count=len(events))


@router.post("/procedures/{procedure_id}/adverse-events", response={201: AdverseEventOut})
def create_adverse_event(
    request: HttpRequest, procedure_id: int, data: AdverseEventIn
) -> tuple[int, AdverseEventOut]:
    """Record an adverse event with one or more (scale, grade) pairs."""
    ensure(request, C.RECORD_OUTCOME)
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


@router.get("/followup/due", response=FollowUpDuePage)
def followup_due(
    request: HttpRequest,
    clinician: int | None = None,
    horizon_days: int = 14,
    limit: int = 100,
    offset: int = 0,
) -> FollowUpDuePage:
    """Open follow-up tasks due soon or overdue, for one clinician (default: the caller)."""
    ensure(request, C.RECORD_OUTCOME)
    who = get_object_or_404(Staff, pk=clinician) if clinician else staff_of(request.user)
    today = timezone.localdate()
    tasks, count = page(due_tasks(who, today, max(0, min(horizon_days, 365))), limit, offset)
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


@router.get("/ivc-filters", response=IvcFilterPage)
def ivc_filters(
    request: HttpRequest, in_place: bool | None = None, limit: int = 100, offset: int = 0
) -> IvcFilterPage:
    """Every IVC filter followed by the service, with its status and dwell time."""
    ensure(request, C.RECORD_OUTCOME, C.VIEW_QUALITY)
    rows = ivc_queries.filter_report(timezone.localdate(), in_place=in_place)
    chunk = rows[max(0, offset) : max(0, offset) + max(1, min(limit, 500))]
    items = [
        IvcFilterOut(
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
        for r in chunk
    ]
    return IvcFilterPage(items=items, count=len(rows))


@router.get("/caselog/{trainee_id}", response=CaseLogOut)
def caselog(request: HttpRequest, trainee_id: int, limit: int = 100, offset: int = 0) -> CaseLogOut:
    """A trainee's case log: progress against minimums and one row per case."""
    trainee = get_object_or_404(Staff, pk=trainee_id)
    caselog_queries.ensure_can_view(request.user, trainee)
    log = caselog_queries.case_log(trainee)
    members = log.members
    offset, limit = max(0, offset), max(1, min(limit, 500))
    rows = caselog_queries.case_rows(members[offset : offset + limit])
    count = len(members)
    return CaseLogOut(
        trainee=trainee.pk,
        programme=log.minimums.programme,
        verified_minimums=log.minimums.verified,
        progress=[
            CaseLogProgressOut(
                family=p.family, label=p.label, counted=p.counted, minimum=p.minimum, met=p.met
            )
            for p in log.progress
        ],
        items=[CaseLogRowOut(**r) for r in rows],
        count=count,
    )
