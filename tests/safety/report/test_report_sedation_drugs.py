"""The report names each sedation drug by its label in the sedation drug list, with its dose,
unit and route, in the page, the PDF and the structured report; never by its stored key."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from irsuite.safety.reference import sedation_drugs
from irsuite.safety.report import views as report_views
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import Route

pytestmark = pytest.mark.django_db
MIDAZOLAM = "Midazolam 1 mg intravenous"
LIDOCAINE = "Lidocaine 1% (local anaesthetic) 10 mL subcutaneous"


@pytest.fixture
def sedated(open_procedure, persona):
    nurse = persona("nurse")
    at = timezone.now() - dt.timedelta(minutes=30)
    sedation = ss.sedation_record(
        open_procedure.request, by=nurse, kind="moderate", baseline_systolic=140, started_at=at
    )
    ss.give_drug(sedation, drug="midazolam", dose="1", unit="mg", by=nurse, at=at)
    ss.give_drug(
        sedation, drug="lidocaine 1%", dose="10", unit="ml", route=Route.SC, by=nurse, at=at
    )
    return open_procedure


def assert_labels_not_keys(text: str) -> None:
    assert MIDAZOLAM in text and LIDOCAINE in text
    for key in sedation_drugs().drugs:
        assert key not in text, f"the drug key {key!r} is shown"


def test_the_report_page_names_the_drugs_by_label_with_dose_unit_and_route(sedated, client_as):
    page = client_as("attending").get(reverse("safety:report", args=[sedated.pk]))
    assert_labels_not_keys(page.content.decode())


def test_the_report_pdf_names_the_drugs_by_label_not_by_key(sedated, client_as, monkeypatch):
    rendered: list[str] = []
    real = report_views.render_pdf

    def spy(template, context):  # type: ignore[no-untyped-def]
        rendered.append(render_to_string(template, context))
        return real(template, context)

    monkeypatch.setattr(report_views, "render_pdf", spy)
    attending = client_as("attending")
    attending.get(reverse("safety:report", args=[sedated.pk]))  # opens the draft
    pdf = attending.get(reverse("safety:report_pdf", args=[sedated.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert_labels_not_keys(rendered[0])


def test_the_structured_report_names_the_drugs_by_label_not_by_key(sedated, api_as):
    response = api_as("attending").get(f"/api/v1/safety/procedures/{sedated.pk}/report")
    assert response.status_code == 200
    sedation_text = response.json()["sections"]["sedation"]
    assert sedation_text.startswith("Moderate sedation")
    assert_labels_not_keys(sedation_text)
