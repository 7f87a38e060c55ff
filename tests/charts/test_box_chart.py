"""Box plots across the page: one row per group, full names on hover and in the table."""

from __future__ import annotations

from irsuite.charts import Axis, Box, BoxChart


def _boxes(n: int) -> list[Box]:
    return [
        Box(f"P{i}", 10 + i, 0.5, 2.0, 5.0 + i, 12.0, 140.0, label=f"Procedure {i}")
        for i in range(n)
    ]


def test_each_group_is_a_row_with_its_count_and_full_name() -> None:
    chart = BoxChart(
        "KAP by procedure type",
        Axis("KAP", unit="Gy·cm²", log=True),
        _boxes(3),
        category="Procedure type",
        count_label="Studies",
    )
    html = str(chart)
    assert html.count("<rect") == 3
    assert ">Procedure 1 (n=11)</text>" in html
    assert "<title>Procedure 1: 11 studies; minimum 0.5," in html
    assert '<th scope="col">Median (Gy·cm²)</th>' in html
    assert ">KAP (Gy·cm²)</text>" in html


def test_a_long_name_is_shortened_on_the_axis_but_whole_in_the_table() -> None:
    name = "Transjugular intrahepatic portosystemic shunt creation and revision"
    chart = BoxChart("KAP", Axis("KAP"), [Box("TIPS", 4, 1, 2, 3, 4, 5, label=name)], "Procedure")
    html = str(chart)
    assert "…" in html and f"<td>{name}</td>" in html


def test_no_group_with_studies_makes_a_sentence() -> None:
    chart = BoxChart("KAP by room", Axis("KAP"), [], "Room", empty="No study in this period.")
    assert "<svg" not in str(chart) and "No study in this period." in str(chart)
