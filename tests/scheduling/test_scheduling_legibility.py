"""The scheduling pages read as words: no raw key (snake_case) in the visible text, dates
formatted, names rather than user names."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.scheduling.autoschedule.services import MAX_TIME_LIMIT_S, propose
from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import RequestNeeds
from irsuite.scheduling.booking.services import add_on, book
from irsuite.scheduling.leave.models import LeaveKind
from irsuite.scheduling.leave.services import request_leave
from irsuite.scheduling.roster.services import create_period

pytestmark = pytest.mark.django_db

RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible(page: str) -> str:
    """The text a reader sees: no scripts, styles, tags or attribute values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


@pytest.fixture
def monday():
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


@pytest.fixture
def busy_week(make_vetted, persona, room, room2, open_weekdays, monday, tomorrow):
    """Bookings, an add-on, a need for a service's list, an overdue request and a proposal."""
    scheduler = persona("scheduler")
    booked = book(make_vetted(), room=room, start=local(tomorrow, 9), by=scheduler)
    night = make_vetted(priority="emergent")
    add_on(night, room=room2, start=local(tomorrow, 23, 30), by=persona("attending"))
    listed = make_vetted()
    RequestNeeds.objects.create(request=listed, service="interventional_oncology")
    make_vetted(due=monday - dt.timedelta(days=2))
    proposal = propose(room.site, monday, by=scheduler, time_limit_s=MAX_TIME_LIMIT_S, workers=1)
    return {"booked": booked, "night": night, "listed": listed, "proposal": proposal}


def pages(site, room, tomorrow, week):
    day = tomorrow.isoformat()
    return [
        reverse("scheduling:day", args=[site.code, day]),
        reverse("scheduling:week", args=[site.code, day]),
        reverse("scheduling:worklist", args=[room.pk, day]),
        reverse("scheduling:auto", args=[site.code]),
        reverse("scheduling:proposal", args=[week["proposal"].pk]),
        reverse("scheduling:add_on", args=[site.code]),
        reverse("cases:request", args=[week["night"].pk]),
        reverse("cases:request", args=[week["listed"].pk]),
        reverse("scheduling:feeds"),
    ]


def test_the_scheduling_pages_show_no_raw_keys(client_as, busy_week, site, room, tomorrow):
    client = client_as("scheduler")
    for url in pages(site, room, tomorrow, busy_week):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible(response.content.decode())
        assert RAW_KEY.findall(text) == [], url


def test_the_proposal_page_says_why_a_case_was_left_out_in_words(
    client_as, busy_week, site, room, tomorrow
):
    url = reverse("scheduling:proposal", args=[busy_week["proposal"].pk])
    text = visible(client_as("scheduler").get(url).content.decode())
    assert "No room time this week ends by the case's due date" in text
    assert "best possible (proven)" in text
    assert "PATIENT" in text and "(MRN SBH9" in text


def test_the_roster_pages_show_dates_and_words(client_as, persona, attendings, night, today):
    period = create_period(today, today + dt.timedelta(days=6), None)
    period.result = {"status": "optimal"}
    period.save(update_fields=["result"])
    request_leave(
        attendings[0],
        LeaveKind.LEAVE,
        today + dt.timedelta(days=3),
        today + dt.timedelta(days=4),
        persona("quality_lead"),
    )
    client = client_as("quality_lead")
    for url in (
        reverse("scheduling:roster_periods"),
        reverse("scheduling:roster_month", args=[today.year, today.month]),
        reverse("scheduling:roster_leave"),
        reverse("scheduling:roster_swaps"),
        reverse("scheduling:oncall"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible(response.content.decode())
        assert RAW_KEY.findall(text) == [], url
        assert ISO_DAY.findall(text) == [], url
    periods = visible(client.get(reverse("scheduling:roster_periods")).content.decode())
    assert "best possible (proven)" in periods


def test_the_leave_list_is_paginated_and_filtered_by_person(client_as, persona, attendings, today):
    for n in range(55):
        day = today + dt.timedelta(days=n)
        request_leave(attendings[n % 2], LeaveKind.PREFERS_OFF, day, day, persona("quality_lead"))
    client = client_as("quality_lead")
    first = visible(client.get(reverse("scheduling:roster_leave")).content.decode())
    assert "Page 1 of 2" in first
    one = client.get(reverse("scheduling:roster_leave"), {"who": attendings[1].pk})
    page = one.content.decode()
    assert page.count(f"<tr><td>{attendings[1].display_name}</td>") == 27
    assert page.count(f"<tr><td>{attendings[0].display_name}</td>") == 0
    assert "Page 1 of" not in page
