"""The dose dashboard's charts: box plots per procedure type, room and operator, the
distribution of the chosen quantity and its monthly trend, drawn from the summaries of
`queries.chart_data` (the page never grows with the number of studies)."""

from __future__ import annotations

from typing import Any

from irsuite.charts import Axis, Bars, Box, BoxChart, Dash, Line, Marker, Style, XYChart
from irsuite.domain.dose_thresholds import DoseQuantity

# Each quantity's name and unit on an axis.
AXIS_NAMES = {
    DoseQuantity.KAP_GYCM2: ("KAP", "Gy·cm²"),
    DoseQuantity.KA_R_MGY: ("Ka,r", "mGy"),
    DoseQuantity.FLUORO_TIME_S: ("Fluoroscopy time", "s"),
    DoseQuantity.DLP_MGYCM: ("DLP", "mGy·cm"),
    DoseQuantity.PSD_MGY: ("Peak skin dose", "mGy"),
}
NO_STUDY = "No linked study carries this quantity in this period: nothing to chart."


def _axis(quantity: DoseQuantity, *, log: bool) -> Axis:
    name, unit = AXIS_NAMES[quantity]
    return Axis(name, unit=unit, log=log, zero=not log)


def _boxes(groups: list[dict[str, Any]], names: dict[str, str] | None = None) -> list[Box]:
    names = names or {}
    return [
        Box(
            g["name"],
            g["count"],
            g["min"],
            g["q1"],
            g["median"],
            g["q3"],
            g["max"],
            label=f"{names[g['name']]} ({g['name']})" if g["name"] in names else "",
        )
        for g in groups
    ]


def box_chart(quantity: DoseQuantity, data: dict[str, Any], group: str, category: str) -> BoxChart:
    """Box plots of the quantity per procedure type ("entries"), room or operator."""
    name, _unit = AXIS_NAMES[quantity]
    names = data["entry_names"] if group == "entries" else None
    return BoxChart(
        title=f"{name} by {category.lower()}",
        value=_axis(quantity, log=data["histogram"]["log"]),
        boxes=_boxes(data[group], names),
        category=category,
        count_label="Studies",
        empty=NO_STUDY,
        key=f"box-{group}",
    )


def histogram_chart(quantity: DoseQuantity, data: dict[str, Any]) -> XYChart:
    """Studies per bin of the quantity (logarithmic bins when the values are skewed)."""
    name, _unit = AXIS_NAMES[quantity]
    hist = data["histogram"]
    return XYChart(
        title=f"Distribution of {name}",
        x=_axis(quantity, log=hist["log"]),
        y=Axis("Studies", integer=True, zero=True),
        series=[Bars("Studies per bin", hist["edges"], hist["counts"], Style("#0072b2"))],
        empty=NO_STUDY,
        description=f"Number of studies in each bin of {name}"
        + (", bins on a logarithmic scale." if hist["log"] else "."),
        key="histogram",
    )


def trend_chart(quantity: DoseQuantity, trend: list[dict[str, Any]]) -> XYChart:
    """The monthly median and 75th percentile."""
    name, _unit = AXIS_NAMES[quantity]
    months = [row["month"] for row in trend]
    return XYChart(
        title=f"{name} by month: median and 75th percentile",
        x=Axis("Month", categories=months),
        y=_axis(quantity, log=False),
        series=[
            Line(
                "Median",
                [(i, r["median"]) for i, r in enumerate(trend)],
                markers=True,
                style=Style("#0072b2", Dash.SOLID, Marker.CIRCLE),
            ),
            Line(
                "75th percentile",
                [(i, r["p75"]) for i, r in enumerate(trend)],
                markers=True,
                style=Style("#d55e00", Dash.DASHED, Marker.SQUARE),
            ),
        ],
        empty=NO_STUDY,
        key="trend",
    )


def dashboard_charts(quantity: DoseQuantity, data: dict[str, Any]) -> dict[str, Any]:
    """Every chart of the page, by the name the template uses."""
    return {
        "entries": box_chart(quantity, data, "entries", "Procedure type"),
        "rooms": box_chart(quantity, data, "rooms", "Room"),
        "operators": box_chart(quantity, data, "operators", "Operator"),
        "histogram": histogram_chart(quantity, data),
        "trend": trend_chart(quantity, data["trend"]),
    }
