"""An indicator's case list links each case to what the reader may open: its procedure, and
its M&M review when the case is on the review list."""

import datetime as dt

import pytest
from django.urls import reverse

from irsuite.outcomes.review import services as review

pytestmark = pytest.mark.django_db


def cases_page(client, *, events: bool = False) -> str:
    today = dt.date.today()
    url = (
        f"/outcomes/quality/cases/?entry=PCN&from={today - dt.timedelta(days=30)}&to={today}"
        f"&indicator=major_haemorrhage{'&events=1' if events else ''}"
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def bled(make_procedure, persona, record_haemorrhage):
    procedure = make_procedure("PCN")
    record_haemorrhage(procedure, persona("attending"))
    if not hasattr(procedure, "review_case"):
        review.flag_manually(procedure, note="Bleed", by=persona("quality_lead"))
    procedure.refresh_from_db()
    return procedure


def test_the_quality_lead_can_open_the_procedure_and_its_mm_review(client_as, bled):
    body = cases_page(client_as("quality_lead"), events=True)
    assert f'href="{reverse("outcomes:mm_case", args=[bled.review_case.pk])}"' in body
    assert f'href="{reverse("cases:procedure", args=[bled.pk])}"' in body


def test_a_case_not_on_the_review_list_links_only_to_its_procedure(client_as, make_procedure, bled):
    quiet = make_procedure("PCN")
    body = cases_page(client_as("quality_lead"))
    assert f'href="{reverse("cases:procedure", args=[quiet.pk])}"' in body
    assert body.count("M&amp;M review</a>") == 1


def test_a_reader_who_may_not_review_gets_no_link_to_the_mm_review(client_as, bled):
    body = cases_page(client_as("fellow"), events=True)
    assert "/outcomes/mm/" not in body
    assert f'href="{reverse("cases:procedure", args=[bled.pk])}"' in body
