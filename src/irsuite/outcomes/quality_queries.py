"""Read side of the quality dashboard: rates with CIs, funnel plots, CUSUM charts, CRBSI.

Everything reads the pre-aggregated ``QualityFact`` table with one grouped query per view.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    DateField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from irsuite.cases.models import CatalogueEntry
from irsuite.domain.catalogue import QualityIndicator, QualityKind, ThresholdDirection
from irsuite.domain.quality.cusum import (
    CusumDesign,
    CusumPoint,
    constant_risk_cusum,
    learning_curve_cusum,
)
from irsuite.domain.quality.funnel_plot import FunnelPlot, OperatorCount, build_funnel_plot
from irsuite.domain.quality.indicators import IndicatorResult, evaluate
from irsuite.domain.quality.intervals import Interval, per_thousand_catheter_days
from irsuite.outcomes.ae_models import AdverseEvent, AeCategory
from irsuite.outcomes.device_models import CentralLine, LineKind
from irsuite.outcomes.quality_models import QualityFact
from irsuite.outcomes.reference import monitoring
from irsuite.people.models import Staff


@dataclass(frozen=True)
class QualityFilter:
    """Which cases the dashboard looks at."""

    entry: CatalogueEntry
    date_from: dt.date
    date_to: dt.date
    operator: int | None = None
    site: int | None = None
    room: int | None = None


def indicators_of(entry: CatalogueEntry) -> list[QualityIndicator]:
    """The entry's quality indicators, in catalogue order (read from its stored JSON)."""
    return [
        QualityIndicator(
            indicator=str(item["indicator"]),
            label=str(item.get("label", item["indicator"])),
            kind=QualityKind(item["kind"]),
            threshold=float(item["threshold"]),
            direction=ThresholdDirection(item.get("direction", "max")),
            source=str(item.get("source", "")),
            verified=bool(item.get("verified", False)),
        )
        for item in entry.quality or []
    ]


def facts(f: QualityFilter, *, with_operator: bool = True) -> QuerySet[QualityFact]:
    """The facts of the filter's entry and period (and operator, site, room when set)."""
    rows = QualityFact.objects.filter(entry=f.entry, day__gte=f.date_from, day__lte=f.date_to)
    if with_operator and f.operator:
        rows = rows.filter(operator_id=f.operator)
    if f.site:
        rows = rows.filter(site_id=f.site)
    if f.room:
        rows = rows.filter(room_id=f.room)
    return rows


def grouped_counts(f: QualityFilter) -> dict[tuple[str, int | None], tuple[int, int]]:
    """(events, cases) per (indicator, operator): one grouped query on the fact table."""
    return {
        (row["indicator"], row["operator"]): (row["events"], row["n"])
        for row in facts(f, with_operator=False)
        .values("indicator", "operator")
        .annotate(n=Count("id"), events=Count("id", filter=Q(event=True)))
        .order_by()
    }


def indicator_results(
    f: QualityFilter, grouped: dict[tuple[str, int | None], tuple[int, int]] | None = None
) -> list[IndicatorResult]:
    """Each indicator's events, denominator, rate and Wilson 95% interval."""
    if grouped is None and f.operator:
        grouped = {
            (row["indicator"], f.operator): (row["events"], row["n"])
            for row in facts(f)
            .values("indicator")
            .annotate(n=Count("id"), events=Count("id", filter=Q(event=True)))
            .order_by()
        }
    grouped = grouped if grouped is not None else grouped_counts(f)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (indicator, operator), (events, n) in grouped.items():
        if f.operator is None or operator == f.operator:
            totals[indicator][0] += events
            totals[indicator][1] += n
    return [evaluate(spec, *totals.get(spec.indicator, (0, 0))) for spec in indicators_of(f.entry)]


def _staff_labels(ids: set[int]) -> dict[int, str]:
    return {s.pk: s.display_name for s in Staff.objects.filter(pk__in=ids)}


def funnel_plots(
    f: QualityFilter, grouped: dict[tuple[str, int | None], tuple[int, int]] | None = None
) -> dict[str, FunnelPlot]:
    """Per indicator, every operator's rate against the threshold (95% and 99.8% limits)."""
    grouped = grouped if grouped is not None else grouped_counts(f)
    labels = _staff_labels({op for _, op in grouped if op is not None})
    plots = {}
    for spec in indicators_of(f.entry):
        operators = [
            OperatorCount(str(op), labels.get(op, str(op)), events, n)
            for (name, op), (events, n) in grouped.items()
            if name == spec.indicator and op is not None
        ]
        plots[spec.indicator] = build_funnel_plot(spec.threshold, operators)
    return plots


def _chart(spec: QualityIndicator, events: list[bool]) -> list[CusumPoint]:
    settings = monitoring()
    if spec.kind is QualityKind.SUCCESS and spec.direction is ThresholdDirection.MIN:
        acceptable = max(1e-6, 1.0 - spec.threshold)
        unacceptable = min(0.99, acceptable * settings.learning_failure_multiplier)
        return learning_curve_cusum(events, acceptable, unacceptable, settings.learning_h)
    risk = min(max(spec.threshold, 1e-6), 0.99)
    design = CusumDesign(settings.cusum_odds_ratio, settings.cusum_h)
    return constant_risk_cusum(events, risk, design)


@dataclass(frozen=True)
class CusumSeries:
    """One operator's chart for one indicator."""

    operator: int
    label: str
    points: list[CusumPoint]
    days: list[dt.date]


def cusum_charts(f: QualityFilter, indicator: str) -> list[CusumSeries]:
    """Per operator, the CUSUM (complications) or learning curve (success) of one indicator."""
    spec = next((s for s in indicators_of(f.entry) if s.indicator == indicator), None)
    if spec is None:
        return []
    by_operator: dict[int, tuple[list[bool], list[dt.date]]] = defaultdict(lambda: ([], []))
    rows = (
        facts(f)
        .filter(indicator=indicator)
        .exclude(operator=None)
        .order_by("operator", "day", "procedure_id")
        .values_list("operator", "event", "day")
    )
    for operator, event, day in rows:
        events, days = by_operator[operator]
        events.append(event)
        days.append(day)
    labels = _staff_labels(set(by_operator))
    return [
        CusumSeries(op, labels.get(op, str(op)), _chart(spec, events), days)
        for op, (events, days) in sorted(by_operator.items(), key=lambda kv: labels.get(kv[0], ""))
    ]


@dataclass(frozen=True)
class LineRate:
    """CRBSI per 1,000 catheter-days for one kind of line."""

    kind: str
    label: str
    infections: int
    catheter_days: int
    rate: Interval | None


class DaysBetween(Func):
    """Whole days from the second date to the first (SQLite through julianday)."""

    arity = 2
    output_field = IntegerField()

    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _catheter_days(lines: QuerySet[CentralLine], start: dt.date, end: dt.date) -> int:
    """Days each line was in place within [start, end], summed in the database."""
    last = Least(Coalesce("removed_on", Value(end)), Value(end), output_field=DateField())
    first = Greatest("inserted_on", Value(start), output_field=DateField())
    total = lines.aggregate(days=Sum(DaysBetween(last, first)))["days"]
    return max(0, int(total)) if total is not None else 0


def crbsi_rates(
    date_from: dt.date, date_to: dt.date, *, site: int | None = None, operator: int | None = None
) -> list[LineRate]:
    """CRBSI per 1,000 catheter-days (NHSN convention) for tunnelled lines and ports."""
    rates = []
    for kind in LineKind:
        lines = CentralLine.objects.filter(kind=kind, inserted_on__lte=date_to).filter(
            Q(removed_on=None) | Q(removed_on__gte=date_from)
        )
        if site:
            lines = lines.filter(insertion__room__site_id=site)
        if operator:
            lines = lines.filter(insertion__team__staff_id=operator)
        days = _catheter_days(lines, date_from, date_to)
        infections = AdverseEvent.objects.filter(
            category=AeCategory.BLOODSTREAM_INFECTION,
            procedure__central_line__in=lines,
            onset_date__gte=date_from,
            onset_date__lte=date_to,
        ).count()
        rate = per_thousand_catheter_days(infections, days) if days > 0 else None
        rates.append(LineRate(kind.value, kind.label, infections, days, rate))
    return rates


def drill_down(f: QualityFilter, indicator: str, *, events_only: bool = False) -> QuerySet[Any]:
    """The cases behind one indicator's rate, newest first."""
    rows = facts(f).filter(indicator=indicator)
    if events_only:
        rows = rows.filter(event=True)
    return rows.select_related("procedure__request__patient", "operator", "room").order_by(
        "-day", "-procedure_id"
    )
