"""The M&M lists a page at a time: the review queue and the concluded reviews page on their
own, and status, reason, adverse event, operator and dates narrow them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from irsuite.domain.quality.review import FlagReason
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.review.models import ReviewCase
from outcomes import many_rows

pytestmark = pytest.mark.django_db


def _counts(body: str) -> dict[str, int]:
    """How many rows each list says it holds ("Showing 1–50 of 60" under each)."""
    found: dict[str, int] = {}
    for heading in ("open-h", "done-h"):
        if f'aria-labelledby="{heading}"' in body:
            section = body.split(f'aria-labelledby="{heading}"', 1)[1].split("</section>")[0]
            total = re.search(r"of (\d+)<", section)
            found[heading] = int(total.group(1)) if total else 0
    return found


@pytest.fixture
def world(persona, catalogue, room):
    attending = persona("attending").staff
    awaiting = many_rows.cases(55, room=room, operator=attending)
    many_rows.reviews(awaiting)
    concluded = many_rows.cases(53, room=room, operator=attending, code="UFE")
    many_rows.reviews(concluded, concluded=True)
    return {"awaiting": awaiting, "concluded": concluded, "attending": attending}


def test_each_list_pages_on_its_own_and_keeps_the_other_lists_page(world, client_as):
    client = client_as("quality_lead")
    body = client.get("/outcomes/mm/?page=2&concluded_page=1").content.decode()
    assert "Showing 51–55 of 55" in body and "Showing 1–50 of 53" in body
    assert 'href="?page=2&amp;concluded_page=2"' in body
    assert 'href="?concluded_page=1&amp;page=1"' in body


def test_the_status_filter_shows_one_list(world, client_as):
    client = client_as("quality_lead")
    assert _counts(client.get("/outcomes/mm/").content.decode()) == {"open-h": 55, "done-h": 53}
    assert _counts(client.get("/outcomes/mm/?status=awaiting").content.decode()) == {"open-h": 55}
    assert _counts(client.get("/outcomes/mm/?status=concluded").content.decode()) == {"done-h": 53}


def test_the_reason_and_the_adverse_event_narrow_the_lists(world, client_as):
    first, second = world["awaiting"][:2]
    ReviewCase.objects.filter(procedure=first).update(reasons=[FlagReason.DEATH.value])
    AdverseEvent.objects.create(
        procedure=second,
        timing="post",
        onset_date=second.day,
        category="bleeding",
        description="Synthetic bleed",
        major=True,
    )
    client = client_as("quality_lead")
    assert _counts(client.get("/outcomes/mm/?reason=death").content.decode()) == {
        "open-h": 1,
        "done-h": 0,
    }
    assert _counts(client.get("/outcomes/mm/?category=bleeding").content.decode())["open-h"] == 1
    assert _counts(client.get("/outcomes/mm/?major=1").content.decode())["open-h"] == 1
    assert _counts(client.get("/outcomes/mm/?category=infection").content.decode())["open-h"] == 0


def test_the_operator_and_the_dates_narrow_the_lists(world, client_as, persona, room):
    colleague = persona("attending", name="colleague").staff
    many_rows.reviews(many_rows.cases(2, room=room, operator=colleague, code="TIPS"))
    client = client_as("quality_lead")
    assert _counts(client.get(f"/outcomes/mm/?operator={colleague.pk}").content.decode()) == {
        "open-h": 2,
        "done-h": 0,
    }
    day = many_rows.FIRST_DAY + dt.timedelta(days=1)  # one case of each list, one of the colleague
    dated = client.get(f"/outcomes/mm/?from={day}&to={day}").content.decode()
    assert _counts(dated) == {"open-h": 2, "done-h": 1}


def test_an_unknown_status_is_ignored_and_the_page_says_so(client_as, catalogue):
    body = client_as("quality_lead").get("/outcomes/mm/?status=lost").content.decode()
    assert "The status filter &#x27;lost&#x27; is not valid here, so it was ignored." in body
