"""Charts drawn on the server: a title, labelled axes with units, a legend, series told apart
by colour and by dash and marker, a data table, and a sentence instead of an empty chart."""

from __future__ import annotations

import re

from django.template import engines

from irsuite.charts import Axis, Bars, Line, Point, Points, XYChart, style_for


def _chart(**changes: object) -> XYChart:
    values = {
        "title": "KAP by month",
        "x": Axis("Case number", integer=True),
        "y": Axis("KAP", unit="Gy·cm²", zero=True),
        "series": [
            Line("Dr Ames", [(1, 0.5), (2, 1.5), (3, 0.7)], marks=[Point(2, 1.5, "signal")]),
            Line("Dr Bell", [(1, 0.2), (2, 0.4), (3, 2.9)]),
            Line("Limit", [(1, 2.0), (3, 2.0)], reference=True),
        ],
    }
    values.update(changes)
    return XYChart(**values)  # type: ignore[arg-type]


def test_a_chart_has_its_title_axis_labels_with_units_and_a_legend() -> None:
    html = str(_chart())
    assert html.startswith('<figure class="chart"')
    assert ">KAP by month</text>" in html and "<title id=" in html
    assert ">Case number</text>" in html and ">KAP (Gy·cm²)</text>" in html
    for name in ("Dr Ames", "Dr Bell", "Limit"):
        assert f">{name}</text>" in html  # in the legend


def test_each_series_differs_in_colour_dash_and_marker() -> None:
    styles = [style_for(i) for i in range(24)]
    assert len({s.colour for s in styles[:8]}) == 8
    assert len({(s.colour, s.dash, s.marker) for s in styles}) == 24
    chart = _chart()
    ames, bell = chart.styles[0], chart.styles[1]
    assert ames.colour != bell.colour and ames.dash != bell.dash and ames.marker != bell.marker


def test_a_count_axis_is_labelled_with_whole_numbers() -> None:
    html = str(_chart())
    axis = re.findall(r'text-anchor="middle">([^<]+)</text>', html)
    numbers = [label for label in axis if label.replace(",", "").replace(".", "").isdigit()]
    assert numbers and all("." not in label for label in numbers)


def test_a_chart_with_only_reference_lines_is_a_sentence() -> None:
    chart = _chart(
        series=[Line("Limit", [(1, 2.0), (3, 2.0)], reference=True)],
        empty="No case in this period.",
    )
    html = str(chart)
    assert chart.is_empty and "<svg" not in html
    assert "No case in this period." in html and "KAP by month" in html


def test_an_empty_histogram_is_a_sentence() -> None:
    chart = _chart(series=[Bars("Studies", [], [])])
    assert chart.is_empty and "<svg" not in str(chart)


def test_the_data_table_lists_each_data_point_but_not_the_reference_lines() -> None:
    html = str(_chart())
    table = html[html.index("<details") :]
    assert table.count("<tr>") == 1 + 6  # header, three points of each of the two operators
    assert "Limit" not in table


def test_points_carry_their_label_as_a_hover_title() -> None:
    chart = _chart(series=[Points("Operators", [Point(10, 0.1, "Dr Ames: 1 of 10 cases")])])
    assert "<title>Dr Ames: 1 of 10 cases</title>" in str(chart)


def test_names_are_escaped() -> None:
    html = str(_chart(title="<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_template_inserts_the_chart_as_markup() -> None:
    template = engines["django"].from_string("{{ chart }}")
    assert template.render({"chart": _chart()}).startswith("<figure")


def test_the_same_chart_renders_the_same_markup() -> None:
    assert str(_chart()) == str(_chart())


def test_a_percent_axis_ticks_percentages() -> None:
    chart = _chart(
        y=Axis("Rate", percent=True, zero=True),
        series=[Points("Operators", [Point(10, 0.12), Point(40, 0.05)])],
    )
    html = str(chart)
    assert ">Rate (%)</text>" in html and ">10</text>" in html
