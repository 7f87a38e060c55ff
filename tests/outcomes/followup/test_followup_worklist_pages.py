"""The follow-up worklist a page at a time: filters by state, clinician, procedure and due date
narrow it, page 2 shows the next rows, and the filters survive paging."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from irsuite.outcomes.followup.models import FollowUpStatus
from outcomes import many_rows

pytestmark = pytest.mark.django_db


def _shown(body: str) -> list[int]:
    """The numbers of the synthetic patients whose tasks the worklist shows, in order."""
    return [int(n) for n in re.findall(r"Follow\w+?(\d+), Synthetic", body)]


@pytest.fixture
def sixty_due(persona):
    return many_rows.follow_ups(60, clinician=persona("attending").staff, due=timezone.localdate())


def test_the_second_page_shows_the_next_rows_and_says_how_many(sixty_due, client_as):
    client = client_as("attending")
    first = client.get("/outcomes/followup/").content.decode()
    second = client.get("/outcomes/followup/?page=2").content.decode()
    assert _shown(first) == list(range(50))
    assert _shown(second) == list(range(50, 60))
    assert "Showing 1–50 of 60" in first and "Showing 51–60 of 60" in second


def test_the_filters_survive_paging(sixty_due, client_as, persona):
    me = persona("attending").staff.pk
    body = client_as("attending").get(f"/outcomes/followup/?state=due&clinician={me}").content
    assert f'href="?state=due&amp;clinician={me}&amp;page=2"'.encode() in body


def test_a_page_past_the_last_shows_the_last_and_a_page_that_is_no_number_the_first(
    sixty_due, client_as
):
    client = client_as("attending")
    assert _shown(client.get("/outcomes/followup/?page=999").content.decode())[0] == 50
    odd = client.get("/outcomes/followup/?page=two", follow=True).content.decode()
    assert _shown(odd)[0] == 0
    assert "The page filter &#x27;two&#x27; is not valid here, so it was ignored." in odd


def test_the_state_filter_keeps_the_overdue_or_the_done_tasks(persona, client_as):
    clinician = persona("attending").staff
    today = timezone.localdate()
    many_rows.follow_ups(3, clinician=clinician, due=today - dt.timedelta(days=30))
    many_rows.follow_ups(2, clinician=clinician, due=today, status=FollowUpStatus.DONE)
    many_rows.follow_ups(4, clinician=clinician, due=today + dt.timedelta(days=3))
    client = client_as("attending")

    def total(state: str) -> int:
        body = client.get(f"/outcomes/followup/?state={state}").content.decode()
        return int(re.search(r"of (\d+)<", body).group(1))

    assert {state: total(state) for state in ("open", "due", "overdue", "done")} == {
        "open": 7,
        "due": 4,
        "overdue": 3,
        "done": 2,
    }


def test_the_clinician_the_procedure_and_the_dates_narrow_the_list(
    persona, client_as, signed_procedure
):
    mine, theirs = persona("attending").staff, persona("fellow").staff
    today = timezone.localdate()
    tasks = many_rows.follow_ups(5, clinician=mine, due=today)
    many_rows.follow_ups(4, clinician=theirs, due=today)
    tasks[0].procedure = signed_procedure
    tasks[0].save(update_fields=["procedure"])
    entry = signed_procedure.entries.get()
    client = client_as("attending")

    def total(query: str) -> int:
        body = client.get(f"/outcomes/followup/?{query}").content.decode()
        found = re.search(r"of (\d+)<", body)
        return int(found.group(1)) if found else 0

    assert total("") == 5
    assert total(f"clinician={theirs.pk}") == 4
    assert total("all=1") == 9
    assert total(f"all=1&procedure={entry.pk}") == 1
    later = (today + dt.timedelta(days=1)).isoformat()
    assert total(f"all=1&from={later}") == 0
    assert total(f"all=1&from={today.isoformat()}&to={today.isoformat()}") == 9


def test_an_unknown_state_is_ignored_and_the_page_says_so(client_as):
    body = client_as("attending").get("/outcomes/followup/?state=lost").content.decode()
    assert "The state filter &#x27;lost&#x27; is not valid here, so it was ignored." in body
