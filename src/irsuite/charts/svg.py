"""Writing SVG as text: escaped attributes and text, marker shapes, rounded coordinates.

Presentation attributes (`fill`, `stroke`), never `style` attributes, so a page's Content
Security Policy needs no inline styles for a chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from irsuite.charts.palette import Marker, Style

Attr = str | float | int | None


def fmt(value: float) -> str:
    """A coordinate with one decimal (a tenth of a pixel is below what a screen shows)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def attrs(values: dict[str, Attr]) -> str:
    """Attributes in the order given; None leaves one out; underscores become hyphens."""
    parts = []
    for name, value in values.items():
        if value is None or value == "":
            continue
        shown = fmt(value) if isinstance(value, float) else str(value)
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(shown)}"')
    return "".join(parts)


def tag(name: str, children: str = "", /, **values: Attr) -> str:
    """One element; `children` is SVG text already escaped."""
    if children:
        return f"<{name}{attrs(values)}>{children}</{name}>"
    return f"<{name}{attrs(values)}/>"


def text(x: float, y: float, content: str, **values: Attr) -> str:
    """A text element, its content escaped."""
    return tag("text", escape(content), x=float(x), y=float(y), **values)


def title(content: str) -> str:
    """A `<title>` child: the tooltip a browser shows on hover, and the element's name."""
    return f"<title>{escape(content)}</title>" if content else ""


def polyline(points: Iterable[tuple[float, float]], style: Style, **values: Attr) -> str:
    """An open line through `points` in the series' colour, width and dash pattern."""
    path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    return tag(
        "polyline",
        points=path,
        fill="none",
        stroke=style.colour,
        stroke_width=float(style.width),
        stroke_dasharray=style.dash.value,
        stroke_linejoin="round",
        **values,
    )


def _closed(points: list[tuple[float, float]]) -> str:
    head, *rest = points
    return f"M{fmt(head[0])},{fmt(head[1])}" + "".join(f"L{fmt(x)},{fmt(y)}" for x, y in rest) + "Z"


def _shape_path(marker: Marker, x: float, y: float, r: float) -> str:
    """The outline of `marker` centred on (x, y), about 2r across."""
    if marker is Marker.SQUARE:
        s = r * 0.9
        return _closed([(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)])
    if marker is Marker.TRIANGLE:
        return _closed([(x, y - r * 1.15), (x + r, y + r * 0.75), (x - r, y + r * 0.75)])
    if marker is Marker.TRIANGLE_DOWN:
        return _closed([(x, y + r * 1.15), (x + r, y - r * 0.75), (x - r, y - r * 0.75)])
    if marker is Marker.DIAMOND:
        d = r * 1.2
        return _closed([(x, y - d), (x + d, y), (x, y + d), (x - d, y)])
    if marker is Marker.CROSS:
        s = r * 0.85
        return (
            f"M{fmt(x - s)},{fmt(y - s)}L{fmt(x + s)},{fmt(y + s)}"
            f"M{fmt(x - s)},{fmt(y + s)}L{fmt(x + s)},{fmt(y - s)}"
        )
    arc = f"a{fmt(r)},{fmt(r)} 0 1,0"  # a circle: two half-circle arcs
    return f"M{fmt(x - r)},{fmt(y)}{arc} {fmt(2 * r)},0{arc} {fmt(-2 * r)},0Z"


def marker(style: Style, x: float, y: float, r: float = 4.5, label: str = "") -> str:
    """A point drawn in the series' shape and colour; `label` is its hover title."""
    paint: dict[str, Attr]
    if style.marker is Marker.CROSS:
        paint = {"fill": "none", "stroke": style.colour, "stroke_width": 2.2}
    else:
        paint = {"fill": style.colour, "stroke": "#fff", "stroke_width": 1.0}
    return tag("path", title(label), d=_shape_path(style.marker, x, y, r), **paint)


def group(children: Sequence[str], **values: Attr) -> str:
    """A `<g>` around `children` (nothing when there are none)."""
    body = "".join(children)
    return tag("g", body, **values) if body else ""
