"""The trend chart's geometry: points inside the plot, round ticks, limits drawn."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.sedation.trend import Reading, panel

START = datetime(2026, 12, 6, 9, 0)


def readings(values, step=5):
    return [Reading(START + timedelta(minutes=i * step), v) for i, v in enumerate(values)]


def test_no_readings_draw_no_panel():
    assert panel("SpO2", "%", [("SpO2", [])]) is None


def test_a_panel_holds_every_point_and_the_limit_line():
    drawn = panel("SpO2", "%", [("SpO2", readings([97, 95, 86]))], thresholds=[91])
    assert drawn is not None
    (line,) = drawn.series
    assert len(line.points) == 3 and line.polyline.count(",") == 3
    for point in line.points:
        assert drawn.left <= point.x <= drawn.right and drawn.top <= point.y <= drawn.bottom
    assert [t.label for t in drawn.thresholds] == ["91"]
    assert float(drawn.y_ticks[0].label) <= 86 and float(drawn.y_ticks[-1].label) >= 97


def test_time_ticks_fall_on_round_minutes():
    drawn = panel("Heart rate", "beats/min", [("Heart rate", readings([70] * 10))])
    assert drawn is not None
    assert all(t.at.minute % 10 == 0 for t in drawn.x_ticks)


@given(st.lists(st.integers(min_value=20, max_value=250), min_size=1, max_size=40))
def test_every_point_is_inside_the_plot_whatever_the_values(values):
    drawn = panel("Heart rate", "beats/min", [("Heart rate", readings(values))], [40, 131])
    assert drawn is not None
    for point in drawn.series[0].points:
        assert drawn.left <= point.x <= drawn.right
        assert drawn.top <= point.y <= drawn.bottom
