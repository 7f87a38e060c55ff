"""On-call pages and API: what each role sees and may do."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from irsuite.audit.models import AuditEvent
from irsuite.people.access import staff_of
from irsuite.scheduling.roster.ical import roster_token
from irsuite.scheduling.roster.jobs import is_running
from irsuite.scheduling.roster.models import (
    CallType,
    LeaveRequest,
    RosterAssignment,
    RosterPeriod,
    SwapStatus,
)
from irsuite.scheduling.roster.services import create_period, publish_period, solve_period
from irsuite.scheduling.roster.swaps import accept_swap, offer_swap


@pytest.fixture
def roster(persona):
    """A published all-day roster (08:00 to 08:00 the next day) around today, four attendings."""
    CallType.objects.create(
        name="Day and night",
        days="all",
        roles=["attending"],
        night=False,
        starts=dt.time(8, 0),
        ends=dt.time(8, 0),
    )
    people = [staff_of(persona("attending", f"att{k}")) for k in range(4)]
    today = timezone.localdate()
    period = create_period(today - dt.timedelta(days=2), today + dt.timedelta(days=8), None)
    solve_period(period, None, time_limit=10)
    publish_period(period, None)
    return period, people


def on_duty_now(period):
    now = timezone.localtime()
    day = now.date() if now.time() >= dt.time(8, 0) else now.date() - dt.timedelta(days=1)
    return RosterAssignment.objects.get(period=period, day=day)


PAGES = [
    ("scheduling:oncall", []),
    ("scheduling:roster", []),
    ("scheduling:roster_swaps", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_roster_pages_send_anonymous_visitors_to_login(db, name, args):
    response = Client().get(reverse(name, args=args))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_roster_pages_are_closed_to_roles_without_the_roster(client_as, name, args):
    assert client_as("researcher").get(reverse(name, args=args)).status_code == 403


def test_the_on_call_page_names_who_is_on_call_now(roster, client_as):
    period, _ = roster
    response = client_as("nurse").get(reverse("scheduling:oncall"))
    assert response.status_code == 200
    assert on_duty_now(period).staff.display_name in response.content.decode()


def test_the_month_page_shows_the_published_duties(roster, client_as):
    period, _ = roster
    today = timezone.localdate()
    url = reverse("scheduling:roster_month", args=[today.year, today.month])
    page = client_as("fellow").get(url).content.decode()
    duty = RosterAssignment.objects.filter(period=period, day__month=today.month).first()
    assert duty.staff.display_name in page
    assert "Day and night" in page


def test_the_periods_page_is_for_roster_managers(roster, client_as):
    url = reverse("scheduling:roster_periods")
    assert client_as("attending").get(url).status_code == 403
    assert client_as("scheduler").get(url).status_code == 200


def test_a_scheduler_creates_solves_and_publishes_a_period(roster, client_as, settings):
    settings.IRSUITE_ROSTER_INLINE = True
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


def test_solving_and_overriding_are_closed_to_attendings(roster, client_as):
    period, people = roster
    client = client_as("attending")
    assert client.post(reverse("scheduling:roster_solve", args=[period.pk])).status_code == 403
    duty = period.assignments.first()
    url = reverse("scheduling:roster_override", args=[duty.pk])
    assert client.post(url, {"staff": people[0].pk, "reason": "x"}).status_code == 403


def test_approving_a_swap_is_closed_to_everyone_but_a_chief(roster, client_as, persona):
    period, people = roster
    duty = period.assignments.order_by("-day").first()
    taker = next(p for p in people if p.pk != duty.staff_id)
    swap = accept_swap(offer_swap(duty, taker, duty.staff.user), taker.user)
    url = reverse("scheduling:roster_swap_action", args=[swap.pk, "approve"])
    assert client_as("attending", taker.user.username).post(url).status_code == 403
    client_as("quality_lead").post(url)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED


def test_the_personal_calendar_lists_published_duties_with_a_valid_token(roster, db):
    period, people = roster
    person = people[0]
    url = reverse("scheduling:roster_ical", args=[person.pk])
    response = Client().get(url, {"token": roster_token(person.pk)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == period.assignments.filter(staff=person).count()
    assert "SUMMARY:On call: Day and night" in body


def test_the_personal_calendar_refuses_a_wrong_token(roster, db):
    _, people = roster
    url = reverse("scheduling:roster_ical", args=[people[0].pk])
    assert Client().get(url, {"token": roster_token(people[1].pk)}).status_code == 403


def test_the_api_says_who_is_on_call_now(roster, api_as):
    period, _ = roster
    body = api_as("technologist").get("/api/v1/oncall/now").json()
    assert [i["call_type"] for i in body["items"]] == ["Day and night"]
    assert body["items"][0]["staff"][0]["id"] == on_duty_now(period).staff_id


def test_the_on_call_api_refuses_roles_without_the_roster_and_anonymous_callers(roster, api_as):
    assert api_as("researcher").get("/api/v1/oncall/now").status_code == 403
    assert Client().get("/api/v1/oncall/now").status_code == 401


def test_the_api_refuses_an_unknown_site(roster, api_as):
    response = api_as("nurse").get("/api/v1/oncall/now", {"site": "nowhere"})
    assert response.status_code == 404
    assert "nowhere" in response.json()["error"]


def test_the_api_lists_published_duties_of_one_person(roster, api_as):
    period, people = roster
    response = api_as("attending").get(
        "/api/v1/roster/assignments",
        {"start": period.start.isoformat(), "end": period.end.isoformat(), "staff": people[1].pk},
    )
    body = response.json()
    assert body["count"] == period.assignments.filter(staff=people[1]).count()
    assert {i["staff"]["id"] for i in body["items"]} == {people[1].pk}


def test_a_swap_offered_through_the_api_needs_a_chief_to_approve(roster, api_as, persona):
    period, people = roster
    duty = period.assignments.order_by("-day").first()
    taker = next(p for p in people if p.pk != duty.staff_id)
    giver_api = api_as("attending", duty.staff.user.username)
    created = giver_api.post(
        "/api/v1/roster/swaps",
        {"assignment": duty.pk, "taker": taker.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    swap_id = created.json()["id"]
    taker_api = api_as("attending", taker.user.username)
    accepted = taker_api.post(f"/api/v1/roster/swaps/{swap_id}/accept")
    assert accepted.json()["status"] == "accepted"
    assert taker_api.post(f"/api/v1/roster/swaps/{swap_id}/approve").status_code == 403
    approved = api_as("quality_lead").post(f"/api/v1/roster/swaps/{swap_id}/approve").json()
    assert approved["status"] == "approved"
    assert RosterAssignment.objects.get(pk=duty.pk).staff_id == taker.pk


def test_the_periods_page_follows_a_running_solve_and_reloads_when_it_ends(roster, client_as):
    period, _ = roster
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


def test_a_solve_left_running_by_a_restart_is_not_running_forever(roster):
    period, _ = roster
    period.result = {"running": True, "started": time.time() - 3600, "limit": 60}
    assert not is_running(period)
    period.result["started"] = time.time()
    assert is_running(period)


def test_people_enter_their_own_leave_and_it_is_audited(client_as, persona):
    client = client_as("fellow")
    me = staff_of(persona("fellow"))
    client.post(
        reverse("scheduling:roster_leave"),
        {"kind": "leave", "start": "2027-03-01", "end": "2027-03-05", "note": "course"},
    )
    row = LeaveRequest.objects.get(staff=me)
    assert (row.start, row.end, row.kind) == (dt.date(2027, 3, 1), dt.date(2027, 3, 5), "leave")
    assert AuditEvent.objects.filter(object_type="scheduling.leaverequest").exists()


def test_only_roster_managers_enter_or_remove_someone_elses_leave(client_as, persona):
    other = staff_of(persona("attending"))
    client_as("fellow").post(
        reverse("scheduling:roster_leave"),
        {"staff": other.pk, "kind": "leave", "start": "2027-03-01"},
    )
    assert not LeaveRequest.objects.filter(staff=other).exists()
    client_as("scheduler").post(
        reverse("scheduling:roster_leave"),
        {"staff": other.pk, "kind": "prefers_off", "start": "2027-03-02"},
    )
    row = LeaveRequest.objects.get(staff=other)
    assert row.kind == "prefers_off"
    url = reverse("scheduling:roster_leave_cancel", args=[row.pk])
    assert client_as("fellow").post(url).status_code == 403
    client_as("attending").post(url)
    assert not LeaveRequest.objects.filter(pk=row.pk).exists()


def test_the_leave_page_is_closed_to_roles_without_the_roster(client_as, db):
    assert client_as("coder").get(reverse("scheduling:roster_leave")).status_code == 403
    assert Client().get(reverse("scheduling:roster_leave")).status_code == 302


def test_the_api_schema_documents_the_on_call_routes(api_as):
    paths = api_as("attending").get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/oncall/now", "/api/v1/roster/assignments", "/api/v1/roster/swaps"} <= set(
        paths
    )
