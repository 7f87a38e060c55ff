"""API: the quality indicators of a catalogue entry over a period."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from irsuite.cases.models import CatalogueEntry
from irsuite.domain.quality.indicators import IndicatorResult
from irsuite.errors import NotFound, ValidationFailed
from irsuite.outcomes.quality.queries import QualityFilter, indicator_results
from irsuite.outcomes.quality.schemas import IndicatorOut, IndicatorPage, IndicatorQuery
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router()


def _indicator_out(r: IndicatorResult) -> IndicatorOut:
    return IndicatorOut(
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


# Operation ids are part of the published API: each route keeps the id it was published with.
@router.get(
    "/quality/indicators",
    response=IndicatorPage,
    operation_id="irsuite_outcomes_api_quality_indicators",
)
@allow(C.VIEW_QUALITY)
def quality_indicators(
    request: HttpRequest,
    filters: Query[IndicatorQuery],
) -> IndicatorPage:
    """Each quality indicator of a catalogue entry over a period: rate, Wilson 95% CI, threshold."""
    catalogue, operator = filters.catalogue, filters.operator
    date_from, date_to = filters.date_from, filters.date_to
    if date_to < date_from:
        raise ValidationFailed("`to` is before `from`: swap the dates.")
    entry = CatalogueEntry.objects.filter(code=catalogue).first()
    if entry is None:
        raise NotFound(f"No catalogue entry has the code {catalogue!r}.")
    results = indicator_results(QualityFilter(entry, date_from, date_to, operator=operator))
    return IndicatorPage(
        catalogue=entry.code,
        date_from=date_from,
        date_to=date_to,
        operator=operator,
        items=[_indicator_out(r) for r in results],
    )
