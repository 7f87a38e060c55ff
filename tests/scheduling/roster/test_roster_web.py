"""On-call pages and API: what each role sees and may do."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from irsuite.scheduling.roster.ical import roster_token
from irsuite.scheduling.roster.models import RosterAssignment, RosterPeriod
from irsuite.scheduling.roster.services import is_running


def on_duty_now(period):
    now = timezone.localtime()
    day = now.date() if now.time() >= dt.time(8, 0) else now.date() - dt.timedelta(days=1)
    return RosterAssignment.objects.get(period=period, day=day)


PAGES = [
    ("scheduling:oncall", []),
    ("scheduling:roster", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_roster_pages_send_anonymous_visitors_to_login(db, name, args):
    response = Client().get(reverse(name, args=args))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_roster_pages_are_closed_to_roles_without_the_roster(client_as, name, args):
    assert client_as("researcher").get(reverse(name, args=args)).status_code == 403


def test_the_on_call_page_names_who_is_on_call_now(all_day_roster, client_as):
    period, _ = all_day_roster
    response = client_as("nurse").get(reverse("scheduling:oncall"))
    assert response.status_code == 200
    assert on_duty_now(period).staff.display_name in response.content.decode()


def test_the_month_page_shows_the_published_duties(all_day_roster, client_as):
    period, _ = all_day_roster
    today = timezone.localdate()
    url = reverse("scheduling:roster_month", args=[today.year, today.month])
    page = client_as("fellow").get(url).content.decode()
    duty = RosterAssignment.objects.filter(period=period, day__month=today.month).first()
    assert duty.staff.display_name in page
    assert "Day and night" in page


def test_the_periods_page_is_for_roster_managers(all_day_roster, client_as):
    url = reverse("scheduling:roster_periods")
    assert client_as("attending").get(url).status_code == 403
    assert client_as("scheduler").get(url).status_code == 200


def test_a_scheduler_creates_solves_and_publishes_a_period(all_day_roster, client_as, settings):
    client = client_as("scheduler")
    start = timezone.localdate() + dt.timedelta(days=20)
    client.post(
        reverse("scheduling:roster_periods"),
        {
            "start": start.isoformat(),
            "end": (start + dt.timedelta(days=6)).isoformat(),
            "no_duty_after_night": "on",
            "max_consecutive": "2",
        },
    )
    period = RosterPeriod.objects.get(start=start)
    assert period.rules == {
        "no_duty_after_night": True,
        "pair_trainee_with_attending": False,
        "max_consecutive": 2,
    }
    client.post(reverse("scheduling:roster_solve", args=[period.pk]))
    client.post(reverse("scheduling:roster_publish", args=[period.pk]))
    period.refresh_from_db()
    assert period.status == "published"
    assert period.assignments.count() == 7


def test_solving_and_overriding_are_closed_to_attendings(all_day_roster, client_as):
    period, people = all_day_roster
    client = client_as("attending")
    assert client.post(reverse("scheduling:roster_solve", args=[period.pk])).status_code == 403
    duty = period.assignments.first()
    url = reverse("scheduling:roster_override", args=[duty.pk])
    assert client.post(url, {"staff": people[0].pk, "reason": "x"}).status_code == 403


def test_the_personal_calendar_lists_published_duties_with_a_valid_token(all_day_roster, db):
    period, people = all_day_roster
    person = people[0]
    url = reverse("scheduling:roster_ical", args=[person.pk])
    response = Client().get(url, {"token": roster_token(person.pk)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == period.assignments.filter(staff=person).count()
    assert "SUMMARY:On call: Day and night" in body


def test_the_personal_calendar_refuses_a_wrong_token(all_day_roster, db):
    _, people = all_day_roster
    url = reverse("scheduling:roster_ical", args=[people[0].pk])
    assert Client().get(url, {"token": roster_token(people[1].pk)}).status_code == 403


def test_the_api_says_who_is_on_call_now(all_day_roster, api_as):
    period, _ = all_day_roster
    body = api_as("technologist").get("/api/v1/oncall/now").json()
    assert [i["call_type"] for i in body["items"]] == ["Day and night"]
    assert body["items"][0]["staff"][0]["id"] == on_duty_now(period).staff_id


def test_the_on_call_api_refuses_roles_without_the_roster_and_anonymous_callers(
    all_day_roster, api_as
):
    assert api_as("researcher").get("/api/v1/oncall/now").status_code == 403
    assert Client().get("/api/v1/oncall/now").status_code == 401


def test_the_api_refuses_an_unknown_site(all_day_roster, api_as):
    response = api_as("nurse").get("/api/v1/oncall/now", {"site": "nowhere"})
    assert response.status_code == 404
    assert "nowhere" in response.json()["error"]


def test_the_api_lists_published_duties_of_one_person(all_day_roster, api_as):
    period, people = all_day_roster
    response = api_as("attending").get(
        "/api/v1/roster/assignments",
        {"start": period.start.isoformat(), "end": period.end.isoformat(), "staff": people[1].pk},
    )
    body = response.json()
    assert body["count"] == period.assignments.filter(staff=people[1]).count()
    assert {i["staff"]["id"] for i in body["items"]} == {people[1].pk}


def test_the_periods_page_follows_a_running_solve_and_reloads_when_it_ends(
    all_day_roster, client_as
):
    period, _ = all_day_roster
    draft = RosterPeriod.objects.create(
        start=period.end + dt.timedelta(days=1), end=period.end + dt.timedelta(days=7)
    )
    draft.result = {
        "running": True,
        "started": time.time(),
        "limit": 60,
        "progress": ["starting", "  0.1 s  fairness stage: 28 variables"],
    }
    draft.save()
    client = client_as("scheduler")
    page = client.get(reverse("scheduling:roster_periods")).content.decode()
    assert "fairness stage: 28 variables" in page
    assert 'hx-trigger="every 1s"' in page
    url = reverse("scheduling:roster_progress", args=[draft.pk])
    assert client_as("attending").get(url).status_code == 403
    draft.result = {"status": "optimal"}
    draft.save()
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_a_solve_left_running_by_a_restart_is_not_running_forever(all_day_roster):
    period, _ = all_day_roster
    period.result = {"running": True, "started": time.time() - 3600, "limit": 60}
    assert not is_running(period)
    period.result["started"] = time.time()
    assert is_running(period)


def test_the_api_schema_documents_the_on_call_routes(api_as):
    paths = api_as("attending").get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/oncall/now", "/api/v1/roster/assignments", "/api/v1/roster/swaps"} <= set(
        paths
    )


def test_a_new_draft_roster_is_confirmed_with_the_sites_dates(all_day_roster, client_as):
    response = client_as("scheduler").post(
        reverse("scheduling:roster_periods"),
        {"start": "2027-03-01", "end": "2027-03-07"},
        follow=True,
    )
    page = response.content.decode()
    assert "Draft roster 1 Mar 2027 to 7 Mar 2027 created." in page
    assert not re.search(r"Draft roster [^<]*\d{4}-\d{2}-\d{2}", page)
