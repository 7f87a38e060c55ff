"""The quality lead's charts: each operator a labelled point on a titled funnel plot, no funnel
for an indicator without cases, CUSUM lines in distinct colours over whole case numbers."""

from __future__ import annotations

import re

from irsuite.domain.quality.cusum import CusumPath
from irsuite.domain.quality.funnel_plot import OperatorCount, build_funnel_plot
from irsuite.outcomes.quality.charts import MAX_CUSUM_LINES, cusum_chart, funnel_chart
from irsuite.outcomes.quality.queries import CusumSeries
from irsuite.outcomes.reference import funnel_levels


def test_a_funnel_plot_has_a_title_and_each_operator_as_a_labelled_point() -> None:
    plot = build_funnel_plot(
        0.04,
        [
            OperatorCount("1", "Dr Ames", 1, 10),
            OperatorCount("2", "Dr Bell", 9, 40),
            OperatorCount("3", "Dr Cole", 0, 25),
        ],
    )
    html = str(funnel_chart("Major haemorrhage", plot, funnel_levels()))
    assert ">Funnel plot: Major haemorrhage</text>" in html
    assert "<title>Dr Ames: 1 of 10 cases (10%)</title>" in html
    assert "<title>Dr Bell: 9 of 40 cases (22.5%)</title>" in html
    assert "<title>Dr Cole: 0 of 25 cases (0%)</title>" in html
    assert ">Above the 99.8% limit</text>" in html  # Dr Bell, named in the legend
    assert ">Cases per operator</text>" in html and ">Rate (%)</text>" in html


def test_no_funnel_plot_is_drawn_for_an_indicator_without_cases() -> None:
    chart = funnel_chart("Septic shock", build_funnel_plot(0.04, []), funnel_levels())
    assert chart.is_empty and "<svg" not in str(chart)
    assert "no operator has a case in this period" in str(chart)


def _series(n: int, cases: int = 37) -> list[CusumSeries]:
    return [
        CusumSeries(
            i,
            f"Dr {chr(65 + i)}",
            CusumPath([0.1 * (k % 5) for k in range(cases)], [4] if i == 0 else []),
        )
        for i in range(n)
    ]


def test_cusum_lines_have_distinct_colours_and_whole_case_numbers() -> None:
    chart = cusum_chart("Major haemorrhage", _series(6), 4.5, learning=False)
    html = str(chart)
    colours = set(re.findall(r'<polyline points="[^"]+" fill="none" stroke="(#[0-9a-f]+)"', html))
    assert len(colours) == 6 + 1  # six operators and the decision limit
    ticks = re.findall(r'text-anchor="middle">(\d[^<]*)</text>', html)
    assert ticks and all(t.isdigit() for t in ticks)
    assert "<title>Dr A: signal at case 5</title>" in html
    assert ">Decision limit h = 4.5</text>" in html


def test_a_cusum_with_more_operators_than_colours_draws_the_busiest_and_says_so() -> None:
    chart = cusum_chart("Major haemorrhage", _series(MAX_CUSUM_LINES + 2), 4.5, learning=False)
    drawn = [s for s in chart.series if not getattr(s, "reference", False)]
    assert len(drawn) == MAX_CUSUM_LINES
    assert "2 more are in the data table" in str(chart)


def test_a_cusum_without_cases_is_a_sentence() -> None:
    chart = cusum_chart("Major haemorrhage", [], 4.5, learning=False)
    assert "<svg" not in str(chart) and "no case in this period" in str(chart)
