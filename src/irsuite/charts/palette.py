"""Colours, dash patterns and marker shapes that tell series apart without colour alone.

The colours are the Okabe-Ito set (Okabe & Ito 2008, "Color Universal Design"), darkened where
needed so that each line keeps about 3:1 contrast on white (WCAG 2.2 SC 1.4.11, non-text
contrast); yellow is left out. Each series also gets its own dash pattern and marker shape, so a
reader who cannot tell two colours apart, or prints in grey, still can.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

COLOURS = (
    "#0072b2",  # blue
    "#d55e00",  # vermilion
    "#007a5a",  # bluish green, darkened
    "#a8487f",  # reddish purple, darkened
    "#9a6a00",  # orange, darkened
    "#2f86bd",  # sky blue, darkened
    "#333333",  # black, softened
    "#7a5230",  # brown
)
GREY = "#5b6675"


class Dash(enum.Enum):
    """A line's dash pattern (SVG stroke-dasharray)."""

    SOLID = ""
    DASHED = "7 4"
    DOTTED = "2 3"
    DASH_DOT = "9 3 2 3"
    LONG = "14 5"
    DENSE = "4 2"


class Marker(enum.Enum):
    """A point's shape."""

    CIRCLE = "circle"
    SQUARE = "square"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"
    TRIANGLE_DOWN = "triangle_down"
    CROSS = "cross"


@dataclass(frozen=True)
class Style:
    """How one series is drawn."""

    colour: str
    dash: Dash = Dash.SOLID
    marker: Marker = Marker.CIRCLE
    width: float = 2.0


DASHES = tuple(Dash)
MARKERS = tuple(Marker)


def style_for(index: int) -> Style:
    """The style of the `index`-th series of a chart: colour, dash and marker all change from
    one series to the next, and no two of the first 24 series share all three."""
    return Style(
        colour=COLOURS[index % len(COLOURS)],
        dash=DASHES[index % len(DASHES)],
        marker=MARKERS[index % len(MARKERS)],
    )
