"""The quality dashboard: indicators with CIs, funnel plots, CUSUM charts, CRBSI, drill-down."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.models import CatalogueEntry
from irsuite.domain.catalogue import QualityKind
from irsuite.outcomes.pages import csv_response, int_param, period
from irsuite.outcomes.quality.charts import cusum_chart, funnel_chart, is_learning_curve
from irsuite.outcomes.quality.queries import (
    Grouped,
    QualityFilter,
    crbsi_rates,
    cusum_charts,
    drill_down,
    funnel_plots,
    grouped_counts,
    indicator_results,
    indicators_of,
)
from irsuite.outcomes.reference import funnel_levels, monitoring
from irsuite.people.access import has_capability, require
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import Capability, StaffRole


def _filter(request: HttpRequest) -> QualityFilter | None:
    code = request.GET.get("entry", "")
    entry = CatalogueEntry.objects.filter(code=code).first() if code else None
    if entry is None:
        return None
    start, end = period(request)
    return QualityFilter(
        entry,
        start,
        end,
        operator=int_param(request, "operator"),
        site=int_param(request, "site"),
        room=int_param(request, "room"),
    )


def _percent(level: float) -> str:
    return f"{level * 100:g}%"


def _charts(
    f: QualityFilter, grouped: Grouped, results: list[Any], indicator: str
) -> dict[str, Any]:
    """The funnel plot of each indicator and the CUSUM of the chosen one."""
    levels, settings = funnel_levels(), monitoring()
    specs = {r.spec.indicator: r.spec for r in results}
    plots = funnel_plots(f, grouped)
    funnels = {
        specs[name].label: funnel_chart(specs[name].label, plot, levels)
        for name, plot in plots.items()
    }
    spec = specs.get(indicator)
    learning = spec is not None and is_learning_curve(spec.kind, spec.direction)
    cusum = cusum_chart(
        spec.label if spec else indicator,
        cusum_charts(f, indicator),
        settings.learning_h if learning else settings.cusum_h,
        learning=learning,
    )
    return {
        "funnels": [chart for chart in funnels.values() if not chart.is_empty],
        "funnels_without_cases": [label for label, chart in funnels.items() if chart.is_empty],
        "cusum": cusum,
    }


def _chart_indicator(request: HttpRequest, f: QualityFilter) -> str:
    specs = indicators_of(f.entry)
    wanted = request.GET.get("indicator", "")
    if any(s.indicator == wanted for s in specs):
        return wanted
    complication = next((s for s in specs if s.kind is QualityKind.COMPLICATION), None)
    return (complication or specs[0]).indicator if specs else ""


def _choices() -> dict[str, Any]:
    return {
        "entries": CatalogueEntry.objects.filter(active=True)
        .order_by("family", "name")
        .only("pk", "code", "name", "family"),
        "sites": Site.objects.all(),
        "rooms": Room.objects.select_related("site"),
        "operators": Staff.objects.filter(role__in=[StaffRole.ATTENDING, StaffRole.QUALITY_LEAD]),
    }


@require(Capability.VIEW_QUALITY)
def quality(request: HttpRequest) -> HttpResponse:
    """Per catalogue entry: each indicator's rate and CI, per-operator funnels and CUSUMs."""
    f = _filter(request)
    levels = funnel_levels()
    context: dict[str, Any] = {"f": f, "query": request.GET.urlencode(), **_choices()}
    context["funnel_limits"] = f"{_percent(levels.warning)} and {_percent(levels.alarm)}"
    start, end = period(request)
    context.update(date_from=start, date_to=end)
    context["crbsi"] = crbsi_rates(
        start, end, site=int_param(request, "site"), operator=int_param(request, "operator")
    )
    if f is None:
        return render(request, "outcomes/quality.html", context)
    grouped = grouped_counts(f)
    results = indicator_results(f, grouped)
    if request.GET.get("format") == "csv":
        return _export(request, f, results)
    labels = {r.spec.indicator: r.spec.label for r in results}
    chart_indicator = _chart_indicator(request, f)
    context.update(
        results=results,
        chart_indicator=chart_indicator,
        chart_label=labels.get(chart_indicator, chart_indicator),
        monitoring=monitoring(),
        **_charts(f, grouped, results, chart_indicator),
    )
    return render(request, "outcomes/quality.html", context)


def _export(request: HttpRequest, f: QualityFilter, results: list[Any]) -> HttpResponse:
    record(
        request.user,
        AuditAction.EXPORT,
        object_type="quality.indicators",
        object_id=f.entry.code,
        summary="quality indicators exported",
    )
    rows = [
        [
            f.entry.code,
            r.spec.indicator,
            r.spec.kind.value,
            r.events,
            r.denominator,
            f"{r.rate:.4f}",
            f"{r.ci_low:.4f}",
            f"{r.ci_high:.4f}",
            r.spec.threshold,
            r.spec.direction.value,
            "yes" if r.triggers_review else "no",
        ]
        for r in results
    ]
    return csv_response(
        f"quality-{f.entry.code}-{f.date_from}-{f.date_to}.csv",
        [
            "catalogue",
            "indicator",
            "kind",
            "events",
            "denominator",
            "rate",
            "ci_low",
            "ci_high",
            "threshold",
            "direction",
            "triggers_review",
        ],
        rows,
    )


@require(Capability.VIEW_QUALITY)
def quality_cases(request: HttpRequest) -> HttpResponse:
    """Drill-down: the cases counted in one indicator's rate."""
    f = _filter(request)
    indicator = request.GET.get("indicator", "")
    labels = {s.indicator: s.label for s in indicators_of(f.entry)} if f else {}
    if f is None or indicator not in labels:
        return render(request, "outcomes/quality_cases.html", {"missing": True}, status=404)
    rows = drill_down(f, indicator, events_only=request.GET.get("events") == "1")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/quality_cases.html",
        {
            "f": f,
            "indicator": indicator,
            "indicator_label": labels[indicator],
            "page": page,
            "query": request.GET.copy(),
            # Each row links to what this user may open: the procedure, and its M&M review.
            "may_open_procedure": has_capability(request.user, Capability.VIEW_WORKLIST),
            "may_open_review": has_capability(request.user, Capability.PEER_REVIEW),
        },
    )
