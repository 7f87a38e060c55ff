"""What every chart has around its data: the title, the legend, the `<figure>` that holds the
SVG and its data table, and the sentence shown instead of a chart with nothing to draw."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from irsuite.charts import svg
from irsuite.charts.palette import Style

INK = "#1c2430"
MUTED = "#5b6675"
GRID = "#e3e7ed"
FONT = 12
TITLE_FONT = 15
LEGEND_ROW = 20


class Markup(str):
    """Markup already escaped: template engines (Django's, Jinja's) insert it as it is."""

    def __html__(self) -> str:
        return self


def text_width(content: str, size: float = FONT) -> float:
    """About how wide `content` is drawn at `size` pixels (no font metrics on the server)."""
    return len(content) * size * 0.62


def chart_key(title: str, key: str = "") -> str:
    """An id for the chart: `key` when given, else one made from the title (stable between
    renderings, so pages and tests see the same markup)."""
    if key:
        return re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-")
    digest = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"chart-{digest}"


class Swatch:
    """How a series shows in the legend."""

    LINE = "line"
    POINT = "point"
    LINE_POINT = "line_point"
    BAR = "bar"


@dataclass(frozen=True)
class LegendItem:
    name: str
    style: Style
    swatch: str


def _swatch(item: LegendItem, x: float, y: float) -> str:
    if item.swatch == Swatch.BAR:
        return svg.tag("rect", x=x, y=y - 6.0, width=22.0, height=12.0, fill=item.style.colour)
    parts = []
    if item.swatch in {Swatch.LINE, Swatch.LINE_POINT}:
        parts.append(svg.polyline([(x, y), (x + 26, y)], item.style))
    if item.swatch in {Swatch.POINT, Swatch.LINE_POINT}:
        parts.append(svg.marker(item.style, x + 13, y))
    return "".join(parts)


def legend(items: Sequence[LegendItem], left: float, top: float, width: float) -> tuple[str, float]:
    """The legend laid out in rows from (left, top) within `width`; returns it and its height."""
    if not items:
        return "", 0.0
    parts, x, y = [], left, top + LEGEND_ROW / 2
    for item in items:
        size = 34 + text_width(item.name) + 14
        if x > left and x + size > left + width:
            x, y = left, y + LEGEND_ROW
        parts.append(_swatch(item, x, y))
        parts.append(svg.text(x + 32, y + 4, item.name, font_size=FONT, fill=INK))
        x += size
    body = svg.group(parts, class_="chart-legend")
    return body, y + LEGEND_ROW / 2 - top


def title(content: str, x: float) -> str:
    """The chart's visible title, drawn in the image so a copied chart keeps it."""
    return svg.text(x, 22, content, font_size=TITLE_FONT, font_weight="600", fill=INK)


def figure(
    key: str,
    heading: str,
    description: str,
    size: tuple[float, float],
    body: str,
    table: str,
) -> str:
    """The `<figure>`: the SVG (named by its title and description) and the data table."""
    width, height = size
    names = f"{key}-title {key}-desc"
    image = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'viewBox="0 0 {svg.fmt(width)} {svg.fmt(height)}" '
        f'width="{svg.fmt(width)}" height="{svg.fmt(height)}" aria-labelledby="{names}">'
        f'<title id="{key}-title">{escape(heading)}</title>'
        f'<desc id="{key}-desc">{escape(description)}</desc>{body}</svg>'
    )
    return f'<figure class="chart" id="{key}" data-chart="{key}">{image}{table}</figure>'


def empty(key: str, heading: str, sentence: str) -> str:
    """What stands where a chart with nothing to draw would be: its title and a sentence."""
    return (
        f'<figure class="chart chart-empty" id="{key}">'
        f'<figcaption class="chart-title">{escape(heading)}</figcaption>'
        f'<p class="muted">{escape(sentence)}</p></figure>'
    )


def note(sentence: str) -> str:
    """A sentence under a chart."""
    return f'<p class="chart-note muted">{escape(sentence)}</p>' if sentence else ""
