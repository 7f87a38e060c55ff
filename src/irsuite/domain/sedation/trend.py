"""Geometry of the vital-signs trend chart: one small panel per vital sign on a shared time
axis, scaled to an SVG view box; the page draws it as inline SVG (no script)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WIDTH, HEIGHT = 640, 130
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 10, 24  # the plot area's margins in the view box
Y_TICKS = 4
# Time-axis steps, the first giving at most MAX_X_TICKS ticks is used.
X_STEPS_MIN = (1, 2, 5, 10, 15, 30, 60, 120, 240)
MAX_X_TICKS = 6


@dataclass(frozen=True)
class Reading:
    """One value at one time; ``flagged`` when it was highlighted."""

    at: datetime
    value: int
    flagged: bool = False


MARK = 5  # half the side of the square that marks a highlighted value


@dataclass(frozen=True)
class PlottedPoint:
    x: float
    y: float
    reading: Reading

    @property
    def mark_x(self) -> float:
        """Left edge of the square marking a highlighted value."""
        return round(self.x - MARK, 1)

    @property
    def mark_y(self) -> float:
        return round(self.y - MARK, 1)


@dataclass(frozen=True)
class PlottedSeries:
    """A line of the panel: its legend label, its points and the SVG ``points`` attribute."""

    label: str
    points: tuple[PlottedPoint, ...]
    polyline: str
    style: int  # 0, 1 ...: the line's colour and dash in the legend


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in the view box
    label: str


@dataclass(frozen=True)
class TimeTick:
    x: float
    at: datetime


@dataclass(frozen=True)
class Panel:
    """One chart panel, ready to draw."""

    title: str
    unit: str
    series: tuple[PlottedSeries, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[TimeTick, ...]
    thresholds: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def panel(
    title: str,
    unit: str,
    lines: Sequence[tuple[str, Sequence[Reading]]],
    thresholds: Sequence[int] = (),
) -> Panel | None:
    """A panel for ``lines`` (label, readings); None when no line has a reading."""
    readings = [r for _, series in lines for r in series]
    if not readings:
        return None
    start = min(r.at for r in readings)
    end = max(max(r.at for r in readings), start + timedelta(minutes=MAX_X_TICKS))
    low, high, step = _value_range([r.value for r in readings], thresholds)

    def x(at: datetime) -> float:
        return round(LEFT + (at - start) / (end - start) * (WIDTH - RIGHT - LEFT), 1)

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - BOTTOM - TOP), 1)

    plotted = []
    for style, (label, series) in enumerate(lines):
        points = tuple(PlottedPoint(x(r.at), y(r.value), r) for r in sorted(series, key=_at))
        if points:
            polyline = " ".join(f"{p.x},{p.y}" for p in points)
            plotted.append(PlottedSeries(label, points, polyline, style))
    count = round((high - low) / step)
    y_ticks = tuple(Tick(y(low + i * step), f"{low + i * step:g}") for i in range(count + 1))
    limits = tuple(Tick(y(t), f"{t}") for t in thresholds if low <= t <= high)
    return Panel(title, unit, tuple(plotted), y_ticks, _time_ticks(start, end, x), limits)


def _at(reading: Reading) -> datetime:
    return reading.at


def _value_range(values: Sequence[int], thresholds: Sequence[int]) -> tuple[float, float, float]:
    """A y range holding every value and every threshold, on round numbers, and its step."""
    low, high = min([*values, *thresholds]), max([*values, *thresholds])
    span = max(high - low, Y_TICKS)
    unit = 10 ** math.floor(math.log10(span / Y_TICKS))
    step = next(s * unit for s in (1, 2, 5, 10) if s * unit * Y_TICKS >= span)
    bottom = math.floor(low / step) * step
    top = bottom + step * Y_TICKS
    while top < high:
        top += step
    return float(bottom), float(top), float(step)


def _time_ticks(
    start: datetime, end: datetime, x: Callable[[datetime], float]
) -> tuple[TimeTick, ...]:
    minutes = (end - start).total_seconds() / 60
    step = next((s for s in X_STEPS_MIN if minutes / s <= MAX_X_TICKS), X_STEPS_MIN[-1])
    first = start.replace(second=0, microsecond=0)
    first += timedelta(minutes=-first.minute % step)
    if first < start:
        first += timedelta(minutes=step)
    ticks = []
    at = first
    while at <= end:
        ticks.append(TimeTick(x(at), at))
        at += timedelta(minutes=step)
    return tuple(ticks)
