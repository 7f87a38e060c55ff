"""Every long list is paged: with many rows behind it, no page of the follow-up worklist, the
M&M lists, the credentialing report or the case log shows more than its page size, the pager
says how many there are, and the number of queries a page costs does not grow with the rows.

Each list is built with many rows in bulk and fetched as a role that may see it; the table
below names, for each list, its address, who reads it, how to add rows and how to count the
rows a page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pager_text import showing

from irsuite.cases.models import CatalogueEntry
from irsuite.outcomes.caselog.views import AWAITING_PAGE_PARAM
from irsuite.outcomes.caselog.views import PAGE_SIZE as CASES_PER_PAGE
from irsuite.outcomes.credentialing.views import ENTRIES_PER_PAGE
from irsuite.outcomes.followup.views import TASKS_PER_PAGE
from irsuite.outcomes.review.views import CASES_PER_PAGE as REVIEWS_PER_PAGE
from outcomes import many_rows

pytestmark = pytest.mark.django_db

MANY = 120


def _section(body: str, heading: str) -> str:
    """The section of the page labelled by `heading`."""
    return body.split(f'aria-labelledby="{heading}"', 1)[1].split("</section>", 1)[0]


def _table_rows(body: str, heading: str) -> int:
    """The rows of the table in the section labelled by `heading`."""
    section = _section(body, heading)
    return section.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr")


def _entry_tables(body: str) -> int:
    return body.count("<h3>")


@dataclass(frozen=True)
class LongList:
    name: str
    role: str
    size: int
    add: Callable[[dict[str, Any], int], None]  # add n rows
    url: Callable[[dict[str, Any]], str]
    shown: Callable[[str], int]
    param: str = "page"
    heading: str = ""  # the section of the page that holds the list, when it has several


def _followups(world: dict[str, Any], n: int) -> None:
    many_rows.follow_ups(n, clinician=world["attending"], due=timezone.localdate())


def _awaiting(world: dict[str, Any], n: int) -> None:
    many_rows.reviews(many_rows.cases(n, room=world["room"], operator=world["attending"]))


def _concluded(world: dict[str, Any], n: int) -> None:
    procedures = many_rows.cases(n, room=world["room"], operator=world["attending"], code="UFE")
    many_rows.reviews(procedures, concluded=True)


def _trainee_cases(world: dict[str, Any], n: int) -> None:
    many_rows.cases(n, room=world["room"], operator=world["attending"], trainee=world["resident"])


def _credentialing(world: dict[str, Any], n: int) -> None:
    done = world.setdefault("credited", set())
    fresh = [e for e in CatalogueEntry.objects.order_by("pk") if e.quality and e.pk not in done]
    entries = fresh[:n]
    (case,) = many_rows.cases(1, room=world["room"], operator=world["attending"])
    many_rows.quality_results(case, world["attending"], entries)
    done.update(e.pk for e in entries)


LISTS = [
    LongList(
        "follow-up worklist",
        "attending",
        TASKS_PER_PAGE,
        _followups,
        lambda w: "/outcomes/followup/",
        lambda body: _table_rows(body, "due-h"),
    ),
    LongList(
        "M&M review queue",
        "quality_lead",
        REVIEWS_PER_PAGE,
        _awaiting,
        lambda w: "/outcomes/mm/?status=awaiting",
        lambda body: _table_rows(body, "open-h"),
    ),
    LongList(
        "M&M concluded reviews",
        "quality_lead",
        REVIEWS_PER_PAGE,
        _concluded,
        lambda w: "/outcomes/mm/?status=concluded",
        lambda body: _table_rows(body, "done-h"),
        param="concluded_page",
    ),
    LongList(
        "case log",
        "attending",
        CASES_PER_PAGE,
        _trainee_cases,
        lambda w: f"/outcomes/caselog/?trainee={w['resident'].pk}",
        lambda body: _table_rows(body, "cases-h"),
        heading="cases-h",
    ),
    LongList(
        "case log awaiting attestation",
        "attending",
        CASES_PER_PAGE,
        _trainee_cases,
        lambda w: "/outcomes/caselog/",
        lambda body: _table_rows(body, "att-h"),
        param=AWAITING_PAGE_PARAM,
        heading="att-h",
    ),
    LongList(
        "credentialing report",
        "quality_lead",
        ENTRIES_PER_PAGE,
        _credentialing,
        lambda w: f"/outcomes/credentialing/?operator={w['attending'].pk}&from=2026-01-01",
        _entry_tables,
    ),
]


@pytest.fixture
def world(persona, catalogue, room) -> dict[str, Any]:
    return {
        "attending": persona("attending").staff,
        "resident": persona("resident").staff,
        "room": room,
    }


@pytest.mark.parametrize("long_list", LISTS, ids=lambda item: item.name)
def test_no_page_of_a_long_list_shows_more_than_its_page_size(long_list, world, client_as):
    many = MANY if long_list.size >= 20 else 3 * long_list.size + 4
    long_list.add(world, many)
    total = len(world.get("credited", ())) or many
    client = client_as(long_list.role)
    url = long_list.url(world)
    pages = -(-total // long_list.size)
    for number in range(1, pages + 1):
        joined = "&" if "?" in url else "?"
        response = client.get(f"{url}{joined}{long_list.param}={number}")
        assert response.status_code == 200
        body = response.content.decode()
        shown = long_list.shown(body)
        expected = min(long_list.size, total - (number - 1) * long_list.size)
        assert shown == expected, f"page {number} shows {shown} rows"
        own = _section(body, long_list.heading) if long_list.heading else body
        assert showing(own) == (
            (number - 1) * long_list.size + 1,
            (number - 1) * long_list.size + expected,
            total,
        )


@pytest.mark.parametrize("long_list", LISTS, ids=lambda item: item.name)
def test_the_queries_of_a_list_page_do_not_grow_with_its_rows(long_list, world, client_as):
    client = client_as(long_list.role)
    url = long_list.url(world)
    long_list.add(world, long_list.size + 2)
    client.get(url)  # the first request reads what later ones find cached
    with CaptureQueriesContext(connection) as fewer:
        assert client.get(url).status_code == 200
    long_list.add(world, 2 * long_list.size)
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more.captured_queries) == len(fewer.captured_queries)


def test_the_awaiting_list_and_the_case_list_page_each_by_its_own_number(world, client_as):
    _trainee_cases(world, 60)
    client = client_as("attending")
    url = f"/outcomes/caselog/?trainee={world['resident'].pk}"
    body = client.get(f"{url}&{AWAITING_PAGE_PARAM}=2").content.decode()
    awaiting, cases = _section(body, "att-h"), _section(body, "cases-h")
    assert showing(awaiting) == (51, 60, 60)
    assert _table_rows(body, "att-h") == 10
    assert showing(cases) == (1, 50, 60)
    assert _table_rows(body, "cases-h") == 50
    assert f"{AWAITING_PAGE_PARAM}=2&amp;page=2" in cases, "the case list's pager keeps its place"
