"""The dose dashboard: its local DRL table, and charts that carry summaries (bins, quartiles),
never each study's value."""

from __future__ import annotations

import pytest
from django.urls import reverse
from dose_samples import altered

from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy

pytestmark = pytest.mark.django_db

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


@pytest.fixture
def add_studies(open_procedure):  # type: ignore[no-untyped-def]
    """Adds `n` studies linked to the open procedure with skewed KAP values; returns them all."""
    day = open_procedure.day.strftime("%Y%m%d")
    accession = open_procedure.request.accession_number
    import_rdsr(
        altered(FLUORO, PatientID="SBH0000001", AccessionNumber=accession, StudyDate=day),
        filename="a.dcm",
        source="test",
    )
    first = DoseStudy.objects.get()

    def add(n: int) -> list[float]:
        start = DoseStudy.objects.count()
        DoseStudy.objects.bulk_create(
            DoseStudy(
                study_instance_uid=f"2.25.{i}",
                kind=first.kind,
                study_date=first.study_date,
                device=first.device,
                room=first.room,
                procedure=first.procedure,
                kap_gycm2=3.0 * 1.021**i + 0.000317,
            )
            for i in range(start, start + n)
        )
        return [float(v) for v in DoseStudy.objects.values_list("kap_gycm2", flat=True)]

    return add


def _dashboard(client_as):  # type: ignore[no-untyped-def]
    return client_as("physicist").get(reverse("dose:dashboard"), {"quantity": "kap_gycm2"})


def _chart(page) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return page.context["chart"]  # type: ignore[no-any-return]


def test_the_page_carries_no_study_value_but_the_extremes(client_as, add_studies) -> None:  # type: ignore[no-untyped-def]
    values = add_studies(199)
    page = _dashboard(client_as)
    html = page.content.decode()
    shown = {v for v in values if repr(v) in html}
    assert shown <= {min(values), max(values)}  # the whiskers and the outer bin edges
    chart = _chart(page)
    assert sum(chart["histogram"]["counts"]) == len(values) == 200
    assert len(chart["histogram"]["edges"]) == len(chart["histogram"]["counts"]) + 1 <= 31
    assert chart["histogram"]["log"] is True  # from 0.16 to about 190 Gy·cm²: skewed


def test_the_page_does_not_grow_with_the_number_of_studies(client_as, add_studies) -> None:  # type: ignore[no-untyped-def]
    add_studies(199)
    middle = len(_dashboard(client_as).content)
    add_studies(1800)
    large = len(_dashboard(client_as).content)
    add_studies(2000)
    larger = len(_dashboard(client_as).content)
    # As raw numbers each extra study would add at least 8 bytes ("12.3456, "): 2,000 studies
    # would add over 16 kB. The charts draw summaries: they only gain bins (at most 30) and,
    # here, tick labels as the values span more decades.
    assert larger - large < 1000
    assert large < middle * 1.5


def test_the_box_median_and_third_quartile_are_the_tables_median_and_local_drl(
    client_as,
    add_studies,  # type: ignore[no-untyped-def]
) -> None:
    add_studies(36)
    page = _dashboard(client_as)
    chart, drl, rooms = page.context["chart"], page.context["drl"], page.context["per_room"]
    for boxes, table in ((chart["entries"], drl), (chart["rooms"], rooms)):
        assert [(b["median"], b["q3"], b["count"]) for b in boxes] == [
            (r["median"], r["p75"], r["count"]) for r in table
        ]
        assert all(b["min"] <= b["q1"] <= b["median"] <= b["q3"] <= b["max"] for b in boxes)


def test_an_empty_period_draws_empty_summaries(client_as) -> None:  # type: ignore[no-untyped-def]
    page = _dashboard(client_as)
    chart = _chart(page)
    assert chart["histogram"] == {"edges": [], "counts": [], "log": False}
    assert chart["entries"] == chart["rooms"] == chart["operators"] == []
    html = page.content.decode()
    assert "<svg" not in html  # no empty chart: a sentence instead
    assert html.count("No linked study carries this quantity in this period") == 4


def test_the_dashboard_shows_the_local_drl_of_linked_studies(
    client_as,
    linked_hot_study,  # type: ignore[no-untyped-def]
) -> None:
    page = client_as("physicist").get(reverse("dose:dashboard"), {"quantity": "kap_gycm2"})
    html = page.content.decode()
    chart = _chart(page)
    assert "Local DRL" in html and 'data-chart="histogram"' in html
    assert chart["histogram"]["counts"] == [1]  # one study in the histogram's one bin
    assert chart["entries"][0]["median"] == chart["entries"][0]["q3"] == 0.16  # its box
    assert "<td>1</td><td>0.2</td><td>0.2</td>" in html  # count, median, 75th percentile
