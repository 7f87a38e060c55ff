"""The funnel plots' warning and alarm limits come from quality.toml (domain defaults otherwise)."""

import pytest

from irsuite.domain.quality.funnel import ALARM_LEVEL, WARNING_LEVEL
from irsuite.outcomes.quality.queries import QualityFilter, funnel_plots
from irsuite.outcomes.reference import funnel_levels

pytestmark = pytest.mark.django_db


@pytest.fixture
def nephrostomies(make_procedure):
    return [make_procedure("PCN") for _ in range(3)]


def _levels(plot):
    return {lim.level for lim in plot.warning}, {lim.level for lim in plot.alarm}


def _plot(procedures):
    procedure = procedures[0]
    f = QualityFilter(procedure.entries.get(), procedure.day, procedure.day)
    return funnel_plots(f)["major_haemorrhage"]


def test_the_reference_file_gives_the_levels_the_domain_uses_by_default():
    levels = funnel_levels()
    assert (levels.warning, levels.alarm) == (WARNING_LEVEL, ALARM_LEVEL) == (0.95, 0.998)
    assert levels.verified is False and "Spiegelhalter" in levels.source


def test_the_dashboard_draws_the_funnels_at_the_levels_of_the_file(nephrostomies):
    assert _levels(_plot(nephrostomies)) == ({0.95}, {0.998})


def test_changing_the_file_changes_the_dashboards_funnel_limits(nephrostomies, edited_reference):
    def edit(data):
        data["funnel"].update(warning_level=0.9, alarm_level=0.99)

    edited_reference("quality.toml", edit)
    plot = _plot(nephrostomies)
    assert _levels(plot) == ({0.9}, {0.99})
    assert plot.points and plot.points[0].n == 3


def test_levels_out_of_order_are_refused(edited_reference):
    edited_reference("quality.toml", lambda data: data["funnel"].update(alarm_level=0.9))
    with pytest.raises(ValueError, match="warning_level < alarm_level"):
        funnel_levels()


def test_the_dashboard_names_the_limits_of_the_file(client_as, nephrostomies, edited_reference):
    url = f"/outcomes/quality/?entry=PCN&from={nephrostomies[0].day}&to={nephrostomies[0].day}"
    page = client_as("quality_lead").get(url)
    assert "funnel plots, 95% and 99.8% limits" in page.content.decode()
    legend = [s.name for s in page.context["funnels"][0].series]
    assert "99.8% limits" in legend and "Above the 99.8% limit" in legend
    edited_reference(
        "quality.toml", lambda data: data["funnel"].update(warning_level=0.9, alarm_level=0.99)
    )
    page = client_as("quality_lead").get(url)
    assert "funnel plots, 90% and 99% limits" in page.content.decode()
    legend = [s.name for s in page.context["funnels"][0].series]
    assert "90% limits" in legend and "Above the 90% limit" in legend
