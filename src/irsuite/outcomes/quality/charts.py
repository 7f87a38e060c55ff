"""The quality dashboard's charts: a funnel plot per indicator (each operator a point against
the threshold and its control limits) and the CUSUM or learning curve of each operator."""

from __future__ import annotations

import math
from collections.abc import Sequence

from irsuite.charts import (
    COLOURS,
    GREY,
    Axis,
    Cell,
    Dash,
    Line,
    Marker,
    Point,
    Points,
    Style,
    Table,
    XYChart,
    number,
    percent,
)
from irsuite.domain.catalogue import QualityKind, ThresholdDirection
from irsuite.domain.quality.funnel import FunnelLimits, FunnelZone
from irsuite.domain.quality.funnel_plot import FunnelPlot
from irsuite.outcomes.quality.queries import CusumSeries
from irsuite.outcomes.reference import FunnelLevels

WARNING = "#9a6a00"
ALARM = "#b3261e"
# Within, above and below the limits: colour, shape and a word in the table, never colour alone.
ZONE_STYLES = {
    FunnelZone.WITHIN: Style("#007a5a", marker=Marker.CIRCLE),
    FunnelZone.ABOVE_95: Style(WARNING, marker=Marker.TRIANGLE),
    FunnelZone.ABOVE_998: Style(ALARM, marker=Marker.SQUARE),
    FunnelZone.BELOW_95: Style("#0072b2", marker=Marker.TRIANGLE_DOWN),
    FunnelZone.BELOW_998: Style("#0072b2", marker=Marker.DIAMOND),
}
# At most this many operators' lines on one CUSUM chart: one colour each.
MAX_CUSUM_LINES = len(COLOURS)
# Thinned lines keep about this many points each (every signal kept).
MAX_CHART_POINTS = 300


def _level(level: float) -> str:
    return f"{number(level * 100)}%"


def zone_label(zone: FunnelZone, levels: FunnelLevels) -> str:
    """The zone in words, with the configured control limits."""
    return {
        FunnelZone.WITHIN: "Within the limits",
        FunnelZone.ABOVE_95: f"Above the {_level(levels.warning)} limit",
        FunnelZone.ABOVE_998: f"Above the {_level(levels.alarm)} limit",
        FunnelZone.BELOW_95: f"Below the {_level(levels.warning)} limit",
        FunnelZone.BELOW_998: f"Below the {_level(levels.alarm)} limit",
    }[zone]


def _limits(limits: Sequence[FunnelLimits]) -> list[tuple[float, float]]:
    """Lower then upper limits as one broken line."""
    low = [(float(lim.n), lim.low) for lim in limits]
    high = [(float(lim.n), lim.high) for lim in limits]
    return [*low, (math.nan, math.nan), *high]


def _rate_ceiling(plot: FunnelPlot) -> float:
    """The top of the rate axis: every operator and the funnel's width at the smallest one."""
    smallest = min(p.n for p in plot.points)
    at_smallest = next((lim.high for lim in plot.alarm if lim.n >= smallest), 1.0)
    highest = max([p.rate for p in plot.points] + [at_smallest, plot.target])
    return min(1.0, highest * 1.1)


def funnel_chart(label: str, plot: FunnelPlot, levels: FunnelLevels) -> XYChart:
    """One indicator's funnel plot; no chart (a sentence) when no operator has a case."""
    first, last = (float(plot.warning[0].n), float(plot.warning[-1].n)) if plot.warning else (1, 1)
    series: list[Line | Points] = [
        Line("Threshold", [(first, plot.target), (last, plot.target)], Style(GREY), reference=True),
        Line(
            f"{_level(levels.warning)} limits",
            _limits(plot.warning),
            Style(WARNING, Dash.DASHED),
            reference=True,
        ),
        Line(
            f"{_level(levels.alarm)} limits",
            _limits(plot.alarm),
            Style(ALARM, Dash.DOTTED),
            reference=True,
        ),
    ]
    for zone, style in ZONE_STYLES.items():
        points = [
            Point(p.n, p.rate, f"{p.label}: {p.events} of {p.n} cases ({percent(p.rate)})")
            for p in plot.points
            if p.zone is zone
        ]
        series.append(Points(zone_label(zone, levels), points, style))
    rows: list[list[Cell]] = [
        [p.label, p.n, p.events, number(p.rate * 100), zone_label(p.zone, levels)]
        for p in sorted(plot.points, key=lambda p: p.label)
    ]
    return XYChart(
        title=f"Funnel plot: {label}",
        x=Axis("Cases per operator", log=True, integer=True),
        y=Axis("Rate", percent=True, zero=True, high=_rate_ceiling(plot) if plot.points else None),
        series=series,
        empty=f"{label}: no operator has a case in this period, so there is no funnel plot.",
        description=f"Each operator's rate of {label.lower()} against the number of their cases, "
        f"with the threshold of {percent(plot.target)} and its control limits.",
        table=Table(["Operator", "Cases", "Events", "Rate (%)", "Zone"], rows),
        key=f"funnel-{label}",
    )


def _thinned(series: CusumSeries) -> list[tuple[float, float]]:
    """At most about MAX_CHART_POINTS points of the line, every signal kept; x counts cases
    from 1."""
    values, signals = series.path.values, series.path.signals
    stride = max(1, len(values) // MAX_CHART_POINTS)
    kept = sorted({*range(0, len(values), stride), *signals, len(values) - 1} - {-1})
    return [(float(i + 1), round(values[i], 4)) for i in kept]


def _busiest(charts: list[CusumSeries]) -> list[CusumSeries]:
    """The operators with the most cases, at most MAX_CUSUM_LINES, in the given order."""
    busiest = sorted(charts, key=lambda s: -len(s.path.values))[:MAX_CUSUM_LINES]
    return [s for s in charts if s in busiest]


def is_learning_curve(kind: QualityKind, direction: ThresholdDirection) -> bool:
    """Success indicators with a minimum are drawn as learning curves, the rest as CUSUMs."""
    return kind is QualityKind.SUCCESS and direction is ThresholdDirection.MIN


def _cusum_lines(charts: list[CusumSeries], h: float) -> list[Line]:
    """A line per operator, signals marked in its shape, and the decision limit."""
    cases = max((len(s.path.values) for s in charts), default=0)
    lines = [
        Line(
            s.label,
            _thinned(s),
            marks=[
                Point(i + 1, s.path.values[i], f"{s.label}: signal at case {i + 1}")
                for i in s.path.signals
            ],
        )
        for s in charts
    ]
    limit = Style(GREY, Dash.DASH_DOT, width=1.5)
    lines.append(
        Line(f"Decision limit h = {number(h)}", [(1, h), (max(cases, 2), h)], limit, reference=True)
    )
    return lines


def _cusum_table(charts: list[CusumSeries]) -> Table:
    rows: list[list[Cell]] = [
        [
            s.label,
            len(s.path.values),
            ", ".join(str(i + 1) for i in s.path.signals) or "none",
            number(s.path.values[-1]) if s.path.values else "",
        ]
        for s in charts
    ]
    return Table(["Operator", "Cases", "Signals at case", "Last score"], rows)


def cusum_chart(label: str, charts: list[CusumSeries], h: float, *, learning: bool) -> XYChart:
    """Each operator's CUSUM (or learning curve) of one indicator, case by case."""
    shown = _busiest(charts)
    left_out = len(charts) - len(shown)
    kind = "Learning curve" if learning else "CUSUM"
    note = (
        f"The {len(shown)} operators with the most cases are drawn; {left_out} more are in "
        "the data table (choose an operator above to draw one)."
    )
    return XYChart(
        title=f"{kind} by operator: {label}",
        x=Axis("Case number, in date order", integer=True),
        y=Axis("CUSUM score", zero=True),
        series=_cusum_lines(shown, h),
        empty=f"{label}: no case in this period, so there is no {kind.lower()}.",
        description=f"{kind} of {label.lower()} for each operator; a mark is a signal at the "
        f"decision limit h = {number(h)}, after which the chart restarts.",
        note=note if left_out else "",
        table=_cusum_table(charts),
        key="cusum",
    )
