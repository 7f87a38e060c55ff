"""Read side of the quality dashboard: rates with CIs, funnel plots, CUSUM charts, CRBSI.

Everything reads the pre-aggregated ``QualityFact`` table with one grouped query per view.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.db import connections
from django.db.models import (
    Count,
    Q,
    QuerySet,
    Sum,
)

from irsuite.cases.models import CatalogueEntry
from irsuite.domain.catalogue import QualityIndicator, QualityKind, ThresholdDirection
from irsuite.domain.quality.cusum import (
    CusumDesign,
    CusumPath,
    constant_risk_path,
    learning_curve_path,
)
from irsuite.domain.quality.funnel_plot import FunnelPlot, OperatorCount, build_funnel_plot
from irsuite.domain.quality.indicators import IndicatorResult, evaluate
from irsuite.domain.quality.intervals import Interval, per_thousand_catheter_days
from irsuite.outcomes.adverse_events.models import AdverseEvent, AeCategory
from irsuite.outcomes.devices.models import CentralLine, LineKind
from irsuite.outcomes.quality.models import QualityFact, QualityMonth
from irsuite.outcomes.quality.months import full_months
from irsuite.outcomes.reference import funnel_levels, monitoring
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


Grouped = dict[tuple[str, int | None], tuple[int, int]]


def _per_indicator_and_operator(rows: QuerySet[Any], cases: Any, events: Any) -> Grouped:
    """(events, cases) per (indicator, operator), the two counted by the given aggregates."""
    return {
        (row["indicator"], row["operator"]): (row["events"], row["n"])
        for row in rows.values("indicator", "operator").annotate(n=cases, events=events).order_by()
    }


def _fact_counts(f: QualityFilter, start: dt.date, end: dt.date) -> Grouped:
    """(events, cases) per (indicator, operator) from the facts of [start, end]."""
    rows = facts(replace(f, date_from=start, date_to=end), with_operator=False)
    return _per_indicator_and_operator(rows, Count("id"), Count("id", filter=Q(event=True)))


def _month_counts(f: QualityFilter, first: dt.date, after: dt.date) -> Grouped:
    """(events, cases) per (indicator, operator) from the monthly counts of [first, after)."""
    rows = QualityMonth.objects.filter(entry=f.entry, month__gte=first, month__lt=after)
    return _per_indicator_and_operator(rows, Sum("cases"), Sum("events"))


def _merge(parts: list[Grouped]) -> Grouped:
    total: Grouped = {}
    for part in parts:
        for key, (events, n) in part.items():
            before = total.get(key, (0, 0))
            total[key] = (before[0] + events, before[1] + n)
    return total


def grouped_counts(f: QualityFilter) -> Grouped:
    """(events, cases) per (indicator, operator).

    Whole calendar months come from the monthly counts, the partial months at the edges of the
    period from the facts; a site or room filter reads the facts throughout.
    """
    span = None if (f.site or f.room) else full_months(f.date_from, f.date_to)
    if span is None:
        return _fact_counts(f, f.date_from, f.date_to)
    first, after = span
    parts = [_month_counts(f, first, after)]
    if f.date_from < first:
        parts.append(_fact_counts(f, f.date_from, first - dt.timedelta(days=1)))
    if after <= f.date_to:
        parts.append(_fact_counts(f, after, f.date_to))
    return _merge(parts)


def indicator_results(f: QualityFilter, grouped: Grouped | None = None) -> list[IndicatorResult]:
    """Each indicator's events, denominator, rate and Wilson 95% interval."""
    grouped = grouped if grouped is not None else grouped_counts(f)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (indicator, operator), (events, n) in grouped.items():
        if f.operator is None or operator == f.operator:
            totals[indicator][0] += events
            totals[indicator][1] += n
    return [evaluate(spec, *totals.get(spec.indicator, (0, 0))) for spec in indicators_of(f.entry)]


def _staff_labels(ids: set[int]) -> dict[int, str]:
    return {s.pk: s.display_name for s in Staff.objects.filter(pk__in=ids)}


def funnel_plots(f: QualityFilter, grouped: Grouped | None = None) -> dict[str, FunnelPlot]:
    """Per indicator, every operator's rate against the threshold, with the warning and alarm
    limits of ``quality.toml``."""
    grouped = grouped if grouped is not None else grouped_counts(f)
    labels = _staff_labels({op for _, op in grouped if op is not None})
    levels = funnel_levels()
    plots = {}
    for spec in indicators_of(f.entry):
        operators = [
            OperatorCount(str(op), labels.get(op, str(op)), events, n)
            for (name, op), (events, n) in grouped.items()
            if name == spec.indicator and op is not None
        ]
        plots[spec.indicator] = build_funnel_plot(
            spec.threshold, operators, warning_level=levels.warning, alarm_level=levels.alarm
        )
    return plots


def _chart(spec: QualityIndicator, events: list[bool]) -> CusumPath:
    settings = monitoring()
    if spec.kind is QualityKind.SUCCESS and spec.direction is ThresholdDirection.MIN:
        acceptable = max(1e-6, 1.0 - spec.threshold)
        unacceptable = min(0.99, acceptable * settings.learning_failure_multiplier)
        return learning_curve_path(events, acceptable, unacceptable, settings.learning_h)
    risk = min(max(spec.threshold, 1e-6), 0.99)
    design = CusumDesign(settings.cusum_odds_ratio, settings.cusum_h)
    return constant_risk_path(events, risk, design)


@dataclass(frozen=True)
class CusumSeries:
    """One operator's chart for one indicator (cases in date order)."""

    operator: int
    label: str
    path: CusumPath


def _raw(rows: QuerySet[Any], *, sqlite_index: str = "") -> list[tuple[Any, ...]]:
    """The queryset's rows as the driver returns them, without Django's per-value converters.

    For long narrow reads (tens of thousands of booleans) the converters cost more than the
    query. ``sqlite_index`` names the index SQLite must read: its planner otherwise prefers the
    date-range index and sorts, ten times slower for the CUSUM's operator-then-date order.
    """
    sql, params = rows.query.sql_with_params()
    connection = connections[rows.db]
    if sqlite_index and connection.vendor == "sqlite":
        table = connection.ops.quote_name(rows.model._meta.db_table)
        hint = f"{table} INDEXED BY {connection.ops.quote_name(sqlite_index)}"
        sql = sql.replace(f"FROM {table}", f"FROM {hint}", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


CUSUM_INDEX = "qfact_entry_ind_op_idx"


def cusum_charts(f: QualityFilter, indicator: str) -> list[CusumSeries]:
    """Per operator, the CUSUM (complications) or learning curve (success) of one indicator."""
    spec = next((s for s in indicators_of(f.entry) if s.indicator == indicator), None)
    if spec is None:
        return []
    by_operator: dict[int, list[bool]] = defaultdict(list)
    rows = (
        facts(f)
        .filter(indicator=indicator)
        .exclude(operator=None)
        .order_by("operator", "day", "procedure_id")
        .values_list("operator", "event")
    )
    for operator, event in _raw(rows, sqlite_index=CUSUM_INDEX):
        by_operator[operator].append(bool(event))
    labels = _staff_labels(set(by_operator))
    return [
        CusumSeries(op, labels.get(op, str(op)), _chart(spec, events))
        for op, events in sorted(by_operator.items(), key=lambda kv: labels.get(kv[0], ""))
    ]


@dataclass(frozen=True)
class LineRate:
    """CRBSI per 1,000 catheter-days for one kind of line."""

    kind: str
    label: str
    infections: int
    catheter_days: int
    rate: Interval | None


def _clipped_day_number(day: dt.date | str | None, low: dt.date, high: dt.date) -> int:
    """The day number of ``day`` (a date, or ISO text as SQLite returns it) within [low, high];
    no date (a line still in place) counts as ``high``."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return min(max(day or high, low), high).toordinal()


def _catheter_days(lines: QuerySet[CentralLine], start: dt.date, end: dt.date) -> dict[str, int]:
    """Per kind of line, the days each line was in place within [start, end], summed.

    The sum of (last day - first day) is the sum of last days minus the sum of first days, and
    each sum needs only the count of lines per date: grouped scans of a covering index, with no
    date arithmetic per line in the database. Lines still in place and lines removed within the
    period are read apart, so that each part is a range of the index.
    """
    per_kind: dict[str, int] = defaultdict(int)
    for part in (lines.filter(removed_on=None), lines.filter(removed_on__gte=start)):
        for column, sign in (("removed_on", 1), ("inserted_on", -1)):
            # Grouped by date first: the order of the index, so no sort for the removal dates.
            grouped = part.values_list(column, "kind").annotate(n=Count("pk")).order_by()
            for day, kind, n in _raw(grouped):
                per_kind[kind] += sign * n * _clipped_day_number(day, start, end)
    return {kind: max(0, days) for kind, days in per_kind.items()}


def _operator_catheter_days(
    lines: QuerySet[CentralLine], operator: int, start: dt.date, end: dt.date
) -> dict[str, int]:
    """Per kind, the catheter-days of the lines one operator placed (a few thousand at most):
    read from the operator's team rows, summed line by line."""
    placed = (
        lines.filter(insertion__team__staff_id=operator)
        .filter(Q(removed_on=None) | Q(removed_on__gte=start))
        .values_list("pk", "kind", "inserted_on", "removed_on")
        .distinct()
    )
    per_kind: dict[str, int] = defaultdict(int)
    for _pk, kind, inserted, removed in placed:
        last = _clipped_day_number(removed, start, end)
        per_kind[kind] += max(0, last - _clipped_day_number(inserted, start, end))
    return dict(per_kind)


def _infections(
    date_from: dt.date, date_to: dt.date, *, site: int | None, operator: int | None
) -> dict[str, int]:
    """Bloodstream infections in the period on a line in place, per kind of line.

    Starts from the (few) infections, so the database reads them by category and onset date.
    """
    events = AdverseEvent.objects.filter(
        category=AeCategory.BLOODSTREAM_INFECTION,
        onset_date__gte=date_from,
        onset_date__lte=date_to,
        procedure__central_line__inserted_on__lte=date_to,
    ).filter(
        Q(procedure__central_line__removed_on=None)
        | Q(procedure__central_line__removed_on__gte=date_from)
    )
    if site:
        events = events.filter(procedure__room__site_id=site)
    if operator:
        events = events.filter(procedure__team__staff_id=operator)
    grouped = events.values_list("procedure__central_line__kind").annotate(
        n=Count("id", distinct=True)
    )
    return dict(grouped.order_by())


def crbsi_rates(
    date_from: dt.date, date_to: dt.date, *, site: int | None = None, operator: int | None = None
) -> list[LineRate]:
    """CRBSI per 1,000 catheter-days (NHSN convention) for tunnelled lines and ports."""
    lines = CentralLine.objects.filter(inserted_on__lte=date_to)
    if site:
        lines = lines.filter(insertion__room__site_id=site)
    if operator:
        days = _operator_catheter_days(lines, operator, date_from, date_to)
    else:
        days = _catheter_days(lines, date_from, date_to)
    infections = _infections(date_from, date_to, site=site, operator=operator)
    rates = []
    for kind in LineKind:
        line_days, count = days.get(kind.value, 0), infections.get(kind.value, 0)
        rate = per_thousand_catheter_days(count, line_days) if line_days > 0 else None
        rates.append(LineRate(kind.value, kind.label, count, line_days, rate))
    return rates


def drill_down(f: QualityFilter, indicator: str, *, events_only: bool = False) -> QuerySet[Any]:
    """The cases behind one indicator's rate, newest first."""
    rows = facts(f).filter(indicator=indicator)
    if events_only:
        rows = rows.filter(event=True)
    return rows.select_related(
        "procedure__request__patient", "procedure__review_case", "operator", "room"
    ).order_by("-day", "-procedure_id")
