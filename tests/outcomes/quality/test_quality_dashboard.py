"""The quality dashboard and its API: rates with Wilson intervals against thresholds."""

import datetime as dt

import pytest

from irsuite.cases.models import CaseRole
from irsuite.domain.quality.intervals import wilson_interval
from irsuite.outcomes.adverse_events.services import AeInput, record_adverse_event
from irsuite.outcomes.devices.models import CentralLine
from irsuite.outcomes.quality.queries import crbsi_rates

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_nephrostomies(make_procedure, persona, record_haemorrhage):
    cases = [make_procedure("PCN") for _ in range(3)]
    cases.append(make_procedure("PCN", success="failure"))
    record_haemorrhage(cases[0], persona("attending"))
    return cases


def period():
    today = dt.date.today()
    return f"from={today - dt.timedelta(days=30)}&to={today}"


def test_the_api_gives_each_indicator_its_rate_interval_and_threshold(api_as, four_nephrostomies):
    response = api_as("quality_lead").get(f"/api/v1/quality/indicators?catalogue=PCN&{period()}")
    assert response.status_code == 200
    items = {i["indicator"]: i for i in response.json()["items"]}
    bleed = items["major_haemorrhage"]
    assert (bleed["events"], bleed["denominator"], bleed["threshold"]) == (1, 4, 0.04)
    assert bleed["rate"] == pytest.approx(0.25)
    assert bleed["ci_low"] == pytest.approx(wilson_interval(1, 4).low)
    assert bleed["ci_high"] == pytest.approx(wilson_interval(1, 4).high)
    assert bleed["above_threshold"] is True
    success = items["technical_success"]
    assert (success["events"], success["denominator"]) == (3, 4)
    assert success["above_threshold"] is False and success["triggers_review"] is True
    assert items["septic_shock"]["events"] == 0


def test_the_api_can_narrow_to_one_operator(api_as, make_procedure, persona, four_nephrostomies):
    other = persona("attending", "second-attending")
    make_procedure("PCN", team=[(other, CaseRole.ATTENDING_OPERATOR)])
    url = f"/api/v1/quality/indicators?catalogue=PCN&{period()}&operator={other.staff.pk}"
    items = {i["indicator"]: i for i in api_as("quality_lead").get(url).json()["items"]}
    assert items["major_haemorrhage"]["denominator"] == 1
    assert items["major_haemorrhage"]["events"] == 0


def test_the_api_says_which_catalogue_code_is_unknown(api_as, catalogue):
    response = api_as("quality_lead").get(f"/api/v1/quality/indicators?catalogue=NOPE&{period()}")
    assert response.status_code == 404
    assert "NOPE" in response.json()["error"]


def test_the_dashboard_shows_rates_funnels_and_cusum(client_as, four_nephrostomies):
    response = client_as("quality_lead").get(f"/outcomes/quality/?entry=PCN&{period()}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Major haemorrhage" in body
    assert "Funnel plot: Major haemorrhage" in body and "CUSUM by operator:" in body
    assert "<script" not in body.split("</head>")[1]  # charts are drawn on the server
    assert response.context["results"][1].events == 1


def test_the_dashboard_exports_csv(client_as, four_nephrostomies):
    response = client_as("quality_lead").get(f"/outcomes/quality/?entry=PCN&{period()}&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("catalogue,indicator")
    assert any(line.startswith("PCN,major_haemorrhage,complication,1,4") for line in lines)


def test_the_drill_down_lists_the_cases_behind_a_rate(client_as, four_nephrostomies):
    response = client_as("quality_lead").get(
        f"/outcomes/quality/cases/?entry=PCN&{period()}&indicator=major_haemorrhage&events=1"
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


def test_crbsi_is_counted_per_thousand_catheter_days(make_procedure, persona):
    port = make_procedure("PORT")
    line = CentralLine.objects.get(insertion=port)
    assert line.kind == "port"
    record_adverse_event(
        port,
        AeInput(
            timing="delayed",
            onset_date=port.day + dt.timedelta(days=1),
            category="crbsi",
            description="Line infection",
            gradings=[("sir_2017", "2")],
            treatment="Antibiotics",
            indicator="crbsi",
        ),
        by=persona("attending"),
    )
    start = port.day
    rates = {r.kind: r for r in crbsi_rates(start, start + dt.timedelta(days=100))}
    assert rates["port"].infections == 1
    assert rates["port"].catheter_days == 100
    assert rates["port"].rate.estimate == pytest.approx(10.0)
    assert rates["tunnelled"].rate is None
    placed_by = persona("attending").staff.pk
    mine = {
        r.kind: r for r in crbsi_rates(start, start + dt.timedelta(days=100), operator=placed_by)
    }
    assert (mine["port"].infections, mine["port"].catheter_days) == (1, 100)
    other = persona("attending", "someone-else").staff.pk
    theirs = {r.kind: r for r in crbsi_rates(start, start + dt.timedelta(days=100), operator=other)}
    assert (theirs["port"].infections, theirs["port"].catheter_days) == (0, 0)


def test_catheter_days_count_only_the_days_each_line_was_in_place_within_the_period(
    make_procedure, persona
):
    first, second, third = make_procedure("PORT"), make_procedure("PORT"), make_procedure("PORT")
    start = first.day
    lines = {p.pk: CentralLine.objects.get(insertion=p) for p in (first, second, third)}
    # In place since 30 days before the period and never removed: counts the whole period.
    CentralLine.objects.filter(pk=lines[first.pk].pk).update(
        inserted_on=start - dt.timedelta(days=30), removed_on=None
    )
    # Removed before the period began: no catheter-days.
    CentralLine.objects.filter(pk=lines[second.pk].pk).update(
        inserted_on=start - dt.timedelta(days=90), removed_on=start - dt.timedelta(days=10)
    )
    # Inserted inside the period and removed 15 days later.
    CentralLine.objects.filter(pk=lines[third.pk].pk).update(
        inserted_on=start + dt.timedelta(days=5), removed_on=start + dt.timedelta(days=20)
    )
    end = start + dt.timedelta(days=60)
    rates = {r.kind: r for r in crbsi_rates(start, end)}
    assert rates["port"].catheter_days == 60 + 15


def test_catheter_days_for_one_operator_count_only_the_lines_they_placed(make_procedure, persona):
    other = persona("attending", name="other-attending")
    mine = make_procedure("PORT")
    theirs = make_procedure("PORT", team=[(other, CaseRole.ATTENDING_OPERATOR)])
    start = mine.day
    for procedure in (mine, theirs):
        CentralLine.objects.filter(insertion=procedure).update(inserted_on=start, removed_on=None)
    end = start + dt.timedelta(days=10)
    everyone = {r.kind: r for r in crbsi_rates(start, end)}
    only_other = {r.kind: r for r in crbsi_rates(start, end, operator=other.staff.pk)}
    assert everyone["port"].catheter_days == 20
    assert only_other["port"].catheter_days == 10
