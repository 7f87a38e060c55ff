"""The credentialing report a page of procedures at a time, narrowed to one procedure or to
those below or at the standard of the catalogue's thresholds."""

from __future__ import annotations

import re

import pytest

from irsuite.cases.models import CatalogueEntry
from irsuite.outcomes.credentialing.views import ENTRIES_PER_PAGE
from irsuite.outcomes.quality.models import QualityFact
from outcomes import many_rows

pytestmark = pytest.mark.django_db
COUNT = ENTRIES_PER_PAGE + 4


@pytest.fixture
def report(persona, catalogue, room):
    """An attending with results in COUNT procedures; the first has every complication."""
    attending = persona("attending").staff
    entries = [e for e in CatalogueEntry.objects.order_by("family", "name") if e.quality][:COUNT]
    (case,) = many_rows.cases(1, room=room, operator=attending)
    many_rows.quality_results(case, attending, entries)
    complications = [i["indicator"] for i in entries[0].quality if i["direction"] == "max"]
    QualityFact.objects.filter(entry=entries[0], indicator__in=complications).update(event=True)
    return {"attending": attending, "entries": entries}


def _names(body: str) -> list[str]:
    return re.findall(r"<h3>(.+?) \(\d+ cases\)</h3>", body)


def _url(report, extra: str = "") -> str:
    return f"/outcomes/credentialing/?operator={report['attending'].pk}&from=2026-01-01{extra}"


def test_the_report_shows_a_page_of_procedures_at_a_time(report, client_as):
    client = client_as("quality_lead")
    first = client.get(_url(report)).content.decode()
    second = client.get(_url(report, "&page=2")).content.decode()
    names = [e.name for e in report["entries"]]
    assert _names(first) == names[:ENTRIES_PER_PAGE]
    assert _names(second) == names[ENTRIES_PER_PAGE:]
    assert f"Showing 1–{ENTRIES_PER_PAGE} of {COUNT}" in first


def test_one_procedure_or_those_below_the_standard_can_be_chosen(report, client_as):
    client = client_as("quality_lead")
    first = report["entries"][0]
    below = client.get(_url(report, "&standard=below")).content.decode()
    met = client.get(_url(report, "&standard=met")).content.decode()
    one = client.get(_url(report, f"&procedure={report['entries'][1].pk}")).content.decode()
    assert _names(below) == [first.name]
    assert first.name not in _names(met) and "Showing 1–10 of 13" in met
    assert _names(one) == [report["entries"][1].name]


def test_the_filters_survive_paging(report, client_as):
    body = client_as("quality_lead").get(_url(report, "&standard=met")).content.decode()
    assert "&amp;standard=met&amp;page=2" in body
