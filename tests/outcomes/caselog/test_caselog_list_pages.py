"""The case log's cases a page at a time: dates, procedure and role narrow the list while the
progress against the minimums still counts every case."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from irsuite.cases.models import CaseRole, CatalogueEntry
from outcomes import many_rows

pytestmark = pytest.mark.django_db


def _total(body: str) -> int:
    section = body.split('aria-labelledby="cases-h"', 1)[1].split("</section>")[0]
    found = re.search(r"of (\d+)<", section)
    return int(found.group(1)) if found else 0


@pytest.fixture
def log(persona, catalogue, room):
    attending, resident = persona("attending").staff, persona("resident").staff
    many_rows.cases(55, room=room, operator=attending, trainee=resident)
    many_rows.cases(
        6,
        room=room,
        operator=attending,
        trainee=resident,
        code="UFE",
        trainee_role=CaseRole.TRAINEE_ASSISTANT,
    )
    return resident


def test_the_second_page_shows_the_next_cases_and_keeps_the_trainee(log, client_as):
    client = client_as("attending")
    first = client.get(f"/outcomes/caselog/?trainee={log.pk}").content.decode()
    second = client.get(f"/outcomes/caselog/?trainee={log.pk}&page=2").content.decode()
    assert "Showing 1–50 of 61" in first and "Showing 51–61 of 61" in second
    assert f'href="?trainee={log.pk}&amp;page=2"' in first
    rows = second.split('aria-labelledby="cases-h"', 1)[1].split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr") == 11


def test_the_role_the_procedure_and_the_dates_narrow_the_cases(log, client_as):
    client = client_as("attending")
    base = f"/outcomes/caselog/?trainee={log.pk}"
    ufe = CatalogueEntry.objects.get(code="UFE").pk
    assert _total(client.get(f"{base}&role=assistant").content.decode()) == 6
    assert _total(client.get(f"{base}&role=primary").content.decode()) == 55
    assert _total(client.get(f"{base}&procedure={ufe}").content.decode()) == 6
    day = many_rows.FIRST_DAY + dt.timedelta(days=3)
    assert _total(client.get(f"{base}&from={day}&to={day}").content.decode()) == 2


def test_the_progress_counts_every_case_whatever_the_filters(log, client_as):
    body = client_as("resident").get("/outcomes/caselog/?role=assistant").content.decode()
    progress = body.split('aria-labelledby="prog-h"', 1)[1].split("</section>")[0]
    assert "<td>primary</td><td>55</td>" in progress
    assert "<td>assistant</td><td>6</td>" in progress
    assert _total(body) == 6


def test_an_unknown_role_is_ignored_and_the_page_says_so(log, client_as):
    body = client_as("resident").get("/outcomes/caselog/?role=surgeon").content.decode()
    assert "The role filter &#x27;surgeon&#x27; is not valid here, so it was ignored." in body
    assert _total(body) == 61
