"""Charts on two numeric (or category) axes: lines, points and histograms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from irsuite.charts import frame, svg
from irsuite.charts.frame import FONT, GRID, INK, MUTED, LegendItem, Swatch
from irsuite.charts.palette import Style, style_for
from irsuite.charts.scales import LinearScale, LogScale, Scale, number
from irsuite.charts.series import Axis, Bars, Line, Point, Points, Series, extent, has_data, pieces
from irsuite.charts.table import Table, render_table

TOP = 40
_LABEL: dict[str, svg.Attr] = {"font_size": FONT, "fill": MUTED}
_TITLE: dict[str, svg.Attr] = {"font_size": FONT, "fill": INK}


def _domain(axis: Axis, values: list[float]) -> tuple[float, float]:
    if axis.log:
        values = [v for v in values if v > 0] or [1.0]
    low, high = min(values, default=0.0), max(values, default=1.0)
    if axis.zero and not axis.log:
        low, high = min(low, 0.0), max(high, 0.0)
    return (axis.low if axis.low is not None else low, axis.high if axis.high is not None else high)


def make_scale(axis: Axis, values: list[float], *, count: int = 6, room: float = 560) -> Scale:
    """The axis's scale over `values` (pixels set later), ticks chosen for reading; a category
    axis labels every k-th category so that labels `room` pixels wide do not overlap."""
    if axis.categories:
        n = len(axis.categories)
        label = max(frame.text_width(c) for c in axis.categories) + 10
        every = max(1, -(-n // max(1, int(room // label))))
        return LinearScale(-0.5, n - 0.5, ticks=[float(i) for i in range(0, n, every)])
    low, high = _domain(axis, values)
    if axis.log:
        scale: Scale = LogScale.nice(low, high, integer=axis.integer)
    else:
        scale = LinearScale.nice(low, high, count=count, integer=axis.integer)
    if axis.low is not None or axis.high is not None:
        scale.low, scale.high = low, high
        scale.ticks = [t for t in scale.ticks if low - 1e-12 <= t <= high + 1e-12]
    return scale


def tick_label(axis: Axis, scale: Scale, value: float) -> str:
    """How a tick of `axis` reads: a category, a percentage, a whole number or a number."""
    if axis.categories:
        return axis.categories[int(round(value))]
    if axis.percent:
        return number(value * 100, max(0, scale.decimals - 2))
    if axis.integer:
        return number(value, 0)
    return number(value) if axis.log else number(value, scale.decimals)


@dataclass(frozen=True)
class _Plot:
    """The plot area in pixels and the two scales mapped onto it."""

    left: float
    right: float
    top: float
    bottom: float
    x: Scale
    y: Scale


@dataclass(frozen=True)
class XYChart:
    """A chart of lines, points or histogram bars, rendered as SVG by `{{ chart }}` in a
    template; with nothing to draw it renders its title and `empty` instead.

    `table` replaces the default data table (every data point of every data series); `note`
    is a sentence shown under the chart (what was left out, how to read it).
    """

    title: str
    x: Axis
    y: Axis
    series: Sequence[Series]
    empty: str = "Nothing to chart for this selection."
    description: str = ""
    table: Table | None = None
    key: str = ""
    note: str = ""
    width: float = 640.0
    plot_height: float = 250.0
    styles: list[Style] = field(default_factory=list, init=False, compare=False)

    def __post_init__(self) -> None:
        auto = 0
        for series in self.series:
            if series.style is not None:
                self.styles.append(series.style)
            else:
                self.styles.append(style_for(auto))
                auto += 1

    @property
    def is_empty(self) -> bool:
        return not any(has_data(s) for s in self.series)

    def __html__(self) -> str:
        key = frame.chart_key(self.title, self.key)
        if self.is_empty:
            return frame.empty(key, self.title, self.empty)
        return self._render(key)

    def __str__(self) -> str:
        return frame.Markup(self.__html__())

    def _plot(self) -> _Plot:
        xs: list[float] = []
        ys: list[float] = []
        for series in self.series:
            sx, sy = extent(series)
            xs += sx
            ys += sy
        y = make_scale(self.y, ys)
        widest = max((frame.text_width(tick_label(self.y, y, t)) for t in y.ticks), default=0)
        left = 30 + widest + 8
        right = self.width - 16
        x = make_scale(self.x, xs, count=8, room=right - left)
        x.start, x.end = left, right
        y.start, y.end = TOP + self.plot_height, TOP
        return _Plot(left, right, TOP, TOP + self.plot_height, x, y)

    def _render(self, key: str) -> str:
        plot = self._plot()
        items = self._legend_items()
        legend, legend_height = frame.legend(
            items, plot.left, plot.bottom + 52, plot.right - plot.left
        )
        height = plot.bottom + 52 + legend_height + 8
        body = [
            frame.title(self.title, plot.left),
            self._axes(plot),
            self._clip(key, plot),
            svg.group(self._series_svg(plot), clip_path=f"url(#{key}-clip)"),
            legend,
        ]
        return frame.figure(
            key,
            self.title,
            self.description or self.title,
            (self.width, height),
            "".join(body),
            frame.note(self.note)
            + render_table(self.table or self._default_table(), f"Data table: {self.title}"),
        )

    def _clip(self, key: str, plot: _Plot) -> str:
        # A margin of a few pixels so that points on the edges are drawn whole.
        rect = svg.tag(
            "rect",
            x=plot.left - 6.0,
            y=plot.top - 6.0,
            width=plot.right - plot.left + 12,
            height=plot.bottom - plot.top + 12,
        )
        return svg.tag("clipPath", rect, id=f"{key}-clip")

    def _axes(self, plot: _Plot) -> str:
        return svg.group([*self._ticks(plot), *self._axis_titles(plot)], class_="chart-axes")

    def _ticks(self, plot: _Plot) -> list[str]:
        """Grid lines and labels at the y ticks, tick marks and labels at the x ticks."""
        parts = []
        for t in plot.y.ticks:
            py, label = plot.y(t), tick_label(self.y, plot.y, t)
            parts.append(svg.tag("line", x1=plot.left, x2=plot.right, y1=py, y2=py, stroke=GRID))
            parts.append(svg.text(plot.left - 6, py + 4, label, **_LABEL, text_anchor="end"))
        for t in plot.x.ticks:
            px, label = plot.x(t), tick_label(self.x, plot.x, t)
            parts.append(
                svg.tag("line", x1=px, x2=px, y1=plot.bottom, y2=plot.bottom + 5, stroke=MUTED)
            )
            parts.append(svg.text(px, plot.bottom + 18, label, **_LABEL, text_anchor="middle"))
        return parts

    def _axis_titles(self, plot: _Plot) -> list[str]:
        """The two axis lines and their titles (the y title turned upright along its axis)."""
        middle_x, middle_y = (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2
        turn = f"rotate(-90 14 {svg.fmt(middle_y)})"
        return [
            svg.tag(
                "line", x1=plot.left, x2=plot.right, y1=plot.bottom, y2=plot.bottom, stroke=MUTED
            ),
            svg.tag("line", x1=plot.left, x2=plot.left, y1=plot.top, y2=plot.bottom, stroke=MUTED),
            svg.text(middle_x, plot.bottom + 38, self.x.title, **_TITLE, text_anchor="middle"),
            svg.text(14, middle_y, self.y.title, **_TITLE, text_anchor="middle", transform=turn),
        ]

    def _series_svg(self, plot: _Plot) -> list[str]:
        order = sorted(range(len(self.series)), key=lambda i: _layer(self.series[i]))
        return [self._one(self.series[i], self.styles[i], plot) for i in order]

    def _one(self, series: Series, style: Style, plot: _Plot) -> str:
        x, y = plot.x, plot.y
        if isinstance(series, Bars):
            return _bars(series, style, plot)
        if isinstance(series, Points):
            return svg.group(
                [
                    svg.marker(
                        style,
                        x(p.x),
                        y(p.y),
                        label=p.label or self._point_label(series.name, p.x, p.y),
                    )
                    for p in series.points
                ]
            )
        line = "".join(
            svg.polyline([(x(px), y(py)) for px, py in run], style) for run in pieces(series.points)
        )
        every = [*series.marks]
        if series.markers:
            every += [Point(px, py) for run in pieces(series.points) for px, py in run]
        marks = [
            svg.marker(
                style, x(p.x), y(p.y), label=p.label or self._point_label(series.name, p.x, p.y)
            )
            for p in every
        ]
        return svg.group([svg.tag("g", svg.title(series.name) + line), *marks])

    def _point_label(self, name: str, px: float, py: float) -> str:
        return f"{name}: {self.x.title} {self.x.value(px)}, {self.y.title} {self.y.value(py)}"

    def _legend_items(self) -> list[LegendItem]:
        items = []
        for series, style in zip(self.series, self.styles, strict=True):
            if isinstance(series, Bars):
                swatch = Swatch.BAR
            elif isinstance(series, Points):
                swatch = Swatch.POINT
            else:
                swatch = Swatch.LINE_POINT if (series.marks or series.markers) else Swatch.LINE
            if isinstance(series, Line) and series.reference or has_data(series):
                items.append(LegendItem(series.name, style, swatch))
        return items

    def _default_table(self) -> Table:
        data = [s for s in self.series if has_data(s)]
        if data and all(isinstance(s, Bars) for s in data):
            rows = [
                [number(lo), number(hi), number(count)]
                for s in data
                for lo, hi, count in zip(s.edges, s.edges[1:], s.counts, strict=False)  # type: ignore[union-attr]
            ]
            return Table(["From", "To", self.y.title], rows)
        rows = []
        for s in data:
            if isinstance(s, Bars):
                continue
            if isinstance(s, Points):
                points = list(s.points)
            else:
                points = [Point(px, py) for run in pieces(s.points) for px, py in run]
            rows += [[s.name, p.label, self.x.value(p.x), self.y.value(p.y)] for p in points]
        if not any(r[1] for r in rows):
            return Table(["Series", self.x.title, self.y.title], [[r[0], r[2], r[3]] for r in rows])
        return Table(["Series", "Point", self.x.title, self.y.title], rows)


def _layer(series: Series) -> int:
    """Drawing order: bars under reference lines, under data lines, under points."""
    if isinstance(series, Bars):
        return 0
    if isinstance(series, Line):
        return 1 if series.reference else 2
    return 3


def _bars(series: Bars, style: Style, plot: _Plot) -> str:
    """A histogram's bars, each with its range and count as a hover title."""
    x, y = plot.x, plot.y
    return svg.group(
        [
            svg.tag(
                "rect",
                svg.title(f"{number(lo)} to {number(hi)}: {number(count)}"),
                x=x(lo),
                y=y(count),
                width=max(0.5, x(hi) - x(lo) - 1),
                height=y(0) - y(count),
                fill=style.colour,
            )
            for lo, hi, count in zip(series.edges, series.edges[1:], series.counts, strict=False)
        ]
    )
