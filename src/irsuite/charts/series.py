"""What a chart draws: axes and series, as plain data (no drawing here)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from irsuite.charts.palette import Style
from irsuite.charts.scales import number


@dataclass(frozen=True)
class Axis:
    """One axis: its label and unit (shown as "Label (unit)"), and how its values are read.

    `integer` axes tick whole numbers only (counts, case numbers); `percent` axes carry
    proportions (0 to 1) and tick them as percentages; `zero` keeps 0 in view; `categories`
    make a category axis whose values are the categories' positions (0, 1, ...); `low` and
    `high` fix the ends of the axis (what lies beyond is cut off at the plot's edge).
    """

    label: str
    unit: str = ""
    log: bool = False
    integer: bool = False
    percent: bool = False
    zero: bool = False
    categories: Sequence[str] = ()
    low: float | None = None
    high: float | None = None

    @property
    def title(self) -> str:
        unit = "%" if self.percent and not self.unit else self.unit
        return f"{self.label} ({unit})" if unit else self.label

    def value(self, value: float) -> str:
        """A value of this axis as the data table shows it."""
        if self.categories:
            index = int(round(value))
            return self.categories[index] if 0 <= index < len(self.categories) else number(value)
        if self.percent:
            return number(value * 100)
        if self.integer:
            return number(round(value), 0)
        return number(value)


@dataclass(frozen=True)
class Point:
    """A point of a series; `label` names it on hover and in the data table."""

    x: float
    y: float
    label: str = ""


@dataclass(frozen=True)
class Line:
    """A line through `points` (in x order); a point whose y is NaN breaks it in two (so
    one series can carry a funnel's lower and upper limits).

    `marks` are points drawn on it in the series' marker shape (every point when `markers` is
    set). A `reference` line (a target, a limit) is drawn and named in the legend but is not
    data: it is left out of the data table and does not make a chart worth drawing.
    """

    name: str
    points: Sequence[tuple[float, float]]
    style: Style | None = None
    marks: Sequence[Point] = ()
    markers: bool = False
    reference: bool = False


@dataclass(frozen=True)
class Points:
    """Points without a line (a scatter), each with its own hover label."""

    name: str
    points: Sequence[Point]
    style: Style | None = None


@dataclass(frozen=True)
class Bars:
    """A histogram: `counts[i]` between `edges[i]` and `edges[i + 1]`."""

    name: str
    edges: Sequence[float]
    counts: Sequence[float]
    style: Style | None = None


Series = Line | Points | Bars


def has_data(series: Series) -> bool:
    """Whether the series carries data worth a chart (reference lines do not)."""
    if isinstance(series, Line):
        return not series.reference and bool(series.points)
    if isinstance(series, Bars):
        return any(series.counts)
    return bool(series.points)


def extent(series: Series) -> tuple[list[float], list[float]]:
    """The x and y values the axes must show for this series."""
    if isinstance(series, Bars):
        return list(series.edges), [0.0, *series.counts]
    points = [(p.x, p.y) for p in series.points] if isinstance(series, Points) else series.points
    marks = [(p.x, p.y) for p in series.marks] if isinstance(series, Line) else []
    every = [(x, y) for x, y in [*points, *marks] if not (math.isnan(x) or math.isnan(y))]
    return [x for x, _ in every], [y for _, y in every]


def pieces(points: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The runs of a line between its breaks (points whose y is NaN)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if math.isnan(y):
            runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]
