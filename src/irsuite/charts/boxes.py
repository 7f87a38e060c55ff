"""Box plots drawn across the page: one row per group, its name on the left (long names stay
readable, unlike names slanted under a vertical box), the value axis at the bottom."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from irsuite.charts import frame, svg
from irsuite.charts.frame import FONT, GRID, INK, MUTED
from irsuite.charts.scales import Scale
from irsuite.charts.series import Axis
from irsuite.charts.table import Cell, Table, render_table
from irsuite.charts.xy import make_scale, tick_label

ROW = 28
DENSE_ROW = 20  # rows of a chart with many groups (procedure types)
DENSE_FROM = 20
TOP = 40
MAX_LABEL = 34
BOX_FILL = "#cfe0f1"
BOX_LINE = "#0072b2"
KEY_TEXT = "Box: 25th to 75th percentile · thick line: median · whiskers: minimum to maximum"


@dataclass(frozen=True)
class Box:
    """A group's five-number summary; `label` is its full name when `name` is a code."""

    name: str
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    label: str = ""


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


@dataclass(frozen=True)
class BoxChart:
    """Box plots of one quantity per group (`category` names the groups: room, operator...)."""

    title: str
    value: Axis
    boxes: Sequence[Box]
    category: str
    count_label: str = "Count"
    empty: str = "Nothing to chart for this selection."
    description: str = ""
    key: str = ""
    width: float = 640.0

    @property
    def is_empty(self) -> bool:
        return not any(b.count for b in self.boxes)

    def __html__(self) -> str:
        key = frame.chart_key(self.title, self.key)
        if self.is_empty:
            return frame.empty(key, self.title, self.empty)
        return self._render(key)

    def __str__(self) -> str:
        return frame.Markup(self.__html__())

    def _row_label(self, box: Box) -> str:
        return _short(f"{box.label or box.name} (n={box.count})")

    def _render(self, key: str) -> str:
        boxes = [b for b in self.boxes if b.count]
        labels = [self._row_label(b) for b in boxes]
        left = min(280.0, max(frame.text_width(t) for t in labels) + 16)
        right = self.width - 24
        row = ROW if len(boxes) < DENSE_FROM else DENSE_ROW
        bottom = TOP + row * len(boxes)
        scale = make_scale(self.value, [v for b in boxes for v in (b.minimum, b.maximum)])
        scale.start, scale.end = left, right
        parts = [frame.title(self.title, 8)]
        for t in scale.ticks:
            px = scale(t)
            parts.append(svg.tag("line", x1=px, x2=px, y1=TOP, y2=bottom, stroke=GRID))
            text = tick_label(self.value, scale, t)
            parts.append(
                svg.text(px, bottom + 18, text, font_size=FONT, fill=MUTED, text_anchor="middle")
            )
        parts.append(svg.tag("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke=MUTED))
        for index, (box, label) in enumerate(zip(boxes, labels, strict=True)):
            middle = TOP + row * index + row / 2
            parts.append(
                svg.text(left - 8, middle + 4, label, font_size=FONT, fill=INK, text_anchor="end")
            )
            parts.append(self._box(box, scale, middle, min(8.0, (row - 6) / 2)))
        parts.append(
            svg.text(
                (left + right) / 2,
                bottom + 38,
                self.value.title,
                font_size=FONT,
                fill=INK,
                text_anchor="middle",
            )
        )
        parts.append(svg.text(8, bottom + 60, KEY_TEXT, font_size=FONT, fill=MUTED))
        return frame.figure(
            key,
            self.title,
            self.description or self.title,
            (self.width, bottom + 72),
            "".join(parts),
            render_table(self._table(boxes), f"Data table: {self.title}"),
        )

    def _box(self, box: Box, x: Scale, middle: float, half: float) -> str:
        low, high = x(box.minimum), x(box.maximum)
        q1, q3, median = x(box.q1), x(box.q3), x(box.median)
        cap = half * 0.6
        whisker: dict[str, svg.Attr] = {"stroke": MUTED, "stroke_width": 1.5}
        parts = [
            svg.tag("line", x1=low, x2=high, y1=middle, y2=middle, **whisker),
            svg.tag("line", x1=low, x2=low, y1=middle - cap, y2=middle + cap, **whisker),
            svg.tag("line", x1=high, x2=high, y1=middle - cap, y2=middle + cap, **whisker),
            svg.tag(
                "rect",
                x=q1,
                y=middle - half,
                width=max(1.0, q3 - q1),
                height=2 * half,
                fill=BOX_FILL,
                stroke=BOX_LINE,
            ),
            svg.tag(
                "line",
                x1=median,
                x2=median,
                y1=middle - half,
                y2=middle + half,
                stroke=INK,
                stroke_width=3.0,
            ),
        ]
        return svg.tag("g", svg.title(self._hover(box)) + "".join(parts))

    def _hover(self, box: Box) -> str:
        v = self.value.value
        return (
            f"{box.label or box.name}: {box.count} {self.count_label.lower()}; "
            f"minimum {v(box.minimum)}, "
            f"25th percentile {v(box.q1)}, median {v(box.median)}, 75th percentile {v(box.q3)}, "
            f"maximum {v(box.maximum)} {self.value.unit}"
        ).rstrip()

    def _table(self, boxes: list[Box]) -> Table:
        v = self.value.value
        unit = f" ({self.value.unit})" if self.value.unit else ""
        headers = [
            self.category,
            self.count_label,
            *(
                f"{h}{unit}"
                for h in ("Minimum", "25th percentile", "Median", "75th percentile", "Maximum")
            ),
        ]
        rows: list[list[Cell]] = [
            [b.label or b.name, b.count, v(b.minimum), v(b.q1), v(b.median), v(b.q3), v(b.maximum)]
            for b in boxes
        ]
        return Table(headers, rows)
