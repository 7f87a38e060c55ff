"""Charts drawn on the server as SVG: no JavaScript, nothing to download, readable without
colour (dash patterns and marker shapes), each with its title, labelled axes, legend and a
data table. Pages render a chart with `{{ chart }}`.

This package imports nothing from irsuite's apps, so every area can use it.
"""

from irsuite.charts.boxes import Box, BoxChart
from irsuite.charts.palette import COLOURS, GREY, Dash, Marker, Style, style_for
from irsuite.charts.scales import number, percent
from irsuite.charts.series import Axis, Bars, Line, Point, Points
from irsuite.charts.table import Cell, Table
from irsuite.charts.xy import XYChart

__all__ = [
    "COLOURS",
    "GREY",
    "Axis",
    "Bars",
    "Box",
    "Cell",
    "BoxChart",
    "Dash",
    "Line",
    "Marker",
    "Point",
    "Points",
    "Style",
    "Table",
    "XYChart",
    "number",
    "percent",
    "style_for",
]
