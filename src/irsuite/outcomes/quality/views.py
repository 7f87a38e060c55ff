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
from irsuite.domain.quality.funnel_plot import FunnelPlot
from irsuite.outcomes.pages import csv_response, int_param, period
from irsuite.outcomes.quality.queries import (
    CusumSeries,
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
from irsuite.people.access import require
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import Capability, StaffRole

MAX_CHART_POINTS = 300


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


def _funnel_json(plots: dict[str, FunnelPlot], labels: dict[str, str]) -> list[dict[str, Any]]:
    levels = funnel_levels()
    return [
        {
            "indicator": name,
            "label": labels.get(name, name),
            "target": plot.target,
            "warn_label": f"{_percent(levels.warning)} limit",
            "alarm_label": f"{_percent(levels.alarm)} limit",
            "n": [lim.n for lim in plot.warning],
            "warn_low": [lim.low for lim in plot.warning],
            "warn_high": [lim.high for lim in plot.warning],
            "alarm_low": [lim.low for lim in plot.alarm],
            "alarm_high": [lim.high for lim in plot.alarm],
            "points": [
                {"label": p.label, "n": p.n, "rate": p.rate, "zone": p.zone.value}
                for p in plot.points
            ],
        }
        for name, plot in plots.items()
    ]


def _thinned(series: CusumSeries) -> dict[str, Any]:
    """At most about MAX_CHART_POINTS points per line (every signal kept) for the browser."""
    values, signals = series.path.values, series.path.signals
    stride = max(1, len(values) // MAX_CHART_POINTS)
    kept = sorted({*range(0, len(values), stride), *signals, len(values) - 1} - {-1})
    return {
        "label": series.label,
        "x": [i + 1 for i in kept],
        "y": [round(values[i], 4) for i in kept],
        "signals": [i + 1 for i in signals],
        "signal_y": [round(values[i], 4) for i in signals],
    }


def _cusum_json(series: list[CusumSeries], h: float) -> dict[str, Any]:
    return {"h": h, "series": [_thinned(s) for s in series]}


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
    settings = monitoring()
    context.update(
        results=results,
        chart_indicator=chart_indicator,
        chart_label=labels.get(chart_indicator, chart_indicator),
        funnels=_funnel_json(funnel_plots(f, grouped), labels),
        cusum=_cusum_json(cusum_charts(f, chart_indicator), settings.cusum_h),
        monitoring=settings,
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
    if f is None or indicator not in {s.indicator for s in indicators_of(f.entry)}:
        return render(request, "outcomes/quality_cases.html", {"missing": True}, status=404)
    rows = drill_down(f, indicator, events_only=request.GET.get("events") == "1")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/quality_cases.html",
        {"f": f, "indicator": indicator, "page": page, "query": request.GET.copy()},
    )
