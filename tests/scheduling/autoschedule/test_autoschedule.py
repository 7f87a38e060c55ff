"""The auto-scheduler: the backlog, proposals for a week, accepting them, its pages and API."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.cases.models import CatalogueEntry, RequestStatus
from irsuite.scheduling.autoschedule.models import ProposalStatus
from irsuite.scheduling.autoschedule.services import (
    MAX_TIME_LIMIT_S,
    Accepted,
    apply_proposal,
    backlog,
    propose,
)
from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import (
    AnaesthesiaSession,
    Booking,
    RecurringBlock,
    RequestNeeds,
)
from irsuite.scheduling.booking.services import book

pytestmark = pytest.mark.django_db


def propose_exactly(site, monday, by):
    """A week's proposal searched the same way on every run (one CP-SAT worker). These weeks are
    proven optimal in well under a second; the time limit only stops a broken solve."""
    return propose(site, monday, by=by, time_limit_s=MAX_TIME_LIMIT_S, workers=1)


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_the_backlog_holds_vetted_unbooked_requests_with_their_needs(
    make_vetted, persona, room, monday
):
    waiting = make_vetted(priority="urgent", due=monday + dt.timedelta(days=2))
    RequestNeeds.objects.create(
        request=waiting,
        anaesthesia=True,
        duration_min=75,
        service="oncology",
        operator=persona("attending").staff,
    )
    booked = make_vetted()
    book(booked, room=room, start=local(monday, 9), by=persona("scheduler"))
    (only,) = backlog(room.site)
    assert only.id == str(waiting.pk)
    assert (only.priority.value, only.duration_min, only.anaesthesia, only.service) == (
        "urgent",
        75,
        True,
        "oncology",
    )
    assert only.operator == str(persona("attending").staff.pk)


def test_a_proposal_places_the_backlog_around_existing_bookings_and_lists(
    make_vetted, persona, room, room2, open_weekdays, monday
):
    book(make_vetted(), room=room, start=local(monday, 8), by=persona("scheduler"))
    RecurringBlock.objects.create(
        room=room2, weekday=0, start=dt.time(8), end=dt.time(18), service="oncology"
    )
    requests = [make_vetted(priority="urgent", due=monday) for _ in range(3)]
    proposal = propose_exactly(room.site, monday, persona("scheduler"))
    assert proposal.solver_status == "optimal"
    assert {p["request"] for p in proposal.placements} == {r.pk for r in requests}
    for p in proposal.placements:
        start = dt.datetime.fromisoformat(p["start"])
        assert p["room"] == room.pk and start >= local(monday, 9)
        assert p["on_time"]


def test_a_case_needing_anaesthesia_goes_in_the_anaesthesia_session(
    make_vetted, persona, room, room2, open_weekdays, monday
):
    AnaesthesiaSession.objects.create(room=room2, weekday=2, start=dt.time(13), end=dt.time(18))
    request = make_vetted()
    RequestNeeds.objects.create(request=request, anaesthesia=True)
    proposal = propose_exactly(room.site, monday, persona("scheduler"))
    (placed,) = proposal.placements
    assert placed["room"] == room2.pk
    assert dt.datetime.fromisoformat(placed["start"]) >= local(monday + dt.timedelta(days=2), 13)


def test_a_case_no_room_can_do_is_left_out_with_the_reason(
    make_vetted, persona, room, open_weekdays, monday, catalogue
):
    ct = CatalogueEntry.objects.filter(room_capability="ct", active=True).first()
    make_vetted(code=ct.code)
    proposal = propose_exactly(room.site, monday, persona("scheduler"))
    assert proposal.unscheduled[0]["reason"] == "no_capable_room"


def test_accepting_an_edited_proposal_books_the_cases(
    make_vetted, persona, room, room2, open_weekdays, monday
):
    requests = [make_vetted() for _ in range(2)]
    proposal = propose_exactly(room.site, monday, persona("scheduler"))
    accepted = [Accepted(requests[0].pk, room2.pk, local(monday, 16))]
    result = apply_proposal(proposal, accepted, by=persona("scheduler"))
    assert [b.request_id for b in result.booked] == [requests[0].pk]
    booking = Booking.objects.get(request=requests[0])
    assert (booking.room, booking.start) == (room2, local(monday, 16))
    requests[1].refresh_from_db()
    assert requests[1].status == RequestStatus.VETTED
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPLIED


def test_a_placement_that_no_longer_fits_is_reported_not_forced(
    make_vetted, persona, room, open_weekdays, monday
):
    request = make_vetted()
    proposal = propose_exactly(room.site, monday, persona("scheduler"))
    book(make_vetted(), room=room, start=local(monday, 9), by=persona("scheduler"))
    result = apply_proposal(
        proposal, [Accepted(request.pk, room.pk, local(monday, 9))], by=persona("scheduler")
    )
    assert result.booked == []
    assert "The room is already booked" in result.refused[0].text


def test_the_auto_schedule_pages_run_review_and_accept_a_week(
    client_as, make_vetted, room, open_weekdays, monday, site
):
    request = make_vetted(priority="urgent")
    client = client_as("scheduler")
    assert client.get(reverse("scheduling:auto", args=[site.code])).status_code == 200
    response = client.post(
        reverse("scheduling:auto", args=[site.code]),
        {"week_start": monday.isoformat(), "time_limit_s": 3},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "1 case placed, 0 left out" in page
    form = {
        "accept": [str(request.pk)],
        f"room-{request.pk}": str(room.pk),
        f"start-{request.pk}": f"{monday.isoformat()}T10:00",
    }
    assert client.post(response["Location"], form).status_code == 302
    assert Booking.objects.get(request=request).start == local(monday, 10)


def test_a_proposal_must_start_on_a_monday(client_as, site, monday):
    response = client_as("scheduler").post(
        reverse("scheduling:auto", args=[site.code]),
        {"week_start": (monday + dt.timedelta(days=1)).isoformat(), "time_limit_s": 3},
    )
    assert "choose a Monday" in response.content.decode()


@pytest.mark.parametrize("role", ["nurse", "researcher"])
def test_only_schedulers_may_auto_schedule(client_as, site, role):
    assert client_as(role).get(reverse("scheduling:auto", args=[site.code])).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_from_auto_schedule(client, site):
    response = client.get(reverse("scheduling:auto", args=[site.code]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_proposal_api_runs_and_applies_a_week(
    api_as, make_vetted, room, open_weekdays, monday, site
):
    request = make_vetted()
    client = api_as("scheduler")
    created = client.post(
        "/api/v1/scheduling/proposals",
        {"site": site.code, "week_start": monday.isoformat(), "time_limit_s": 3},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert [p["request"] for p in body["placements"]] == [request.pk]
    placed = body["placements"][0]
    applied = client.post(
        f"/api/v1/scheduling/proposals/{body['id']}/apply",
        {"items": [{"request": request.pk, "room": placed["room"], "start": placed["start"]}]},
        content_type="application/json",
    )
    assert applied.status_code == 200 and len(applied.json()["booked"]) == 1
    assert client.get(f"/api/v1/scheduling/proposals/{body['id']}").json()["status"] == "applied"


def test_a_nurse_cannot_run_the_proposal_api(api_as, site, monday):
    response = api_as("nurse").post(
        "/api/v1/scheduling/proposals",
        {"site": site.code, "week_start": monday.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 403
