"""Those who read a report without writing it: the coder codes from it, the referrer reads the
result of their own request, and nobody else's."""

import pytest
from django.urls import reverse

from irsuite.cases.requests import services
from irsuite.safety.report import services as report_services
from irsuite.safety.report.models import ProcedureReport

SECTIONS = {
    "consent": "Written consent obtained.",
    "time_out": "Time-out performed.",
    "findings": "Dilated collecting system, drained.",
    "complications": "None immediate.",
    "radiation_dose": "Reference air kerma 40 mGy.",
    "impression": "Successful nephrostomy.",
}


@pytest.fixture
def reported(finished, persona):
    """The procedure with its report signed by the attending."""
    attending = persona("attending")
    report = report_services.open_report(finished, by=attending)
    report = report_services.edit_report(report, sections=SECTIONS, by=attending)
    report_services.sign_report(report, by=attending)
    finished.refresh_from_db()
    return finished


def _pages(procedure):
    return [
        reverse("cases:procedure", args=[procedure.pk]),
        reverse("safety:report", args=[procedure.pk]),
        reverse("safety:report_pdf", args=[procedure.pk]),
    ]


def test_a_referrer_reads_the_report_of_their_own_request(client_as, reported):
    referrer = client_as("referrer")
    procedure_page, report_page, pdf = (referrer.get(url) for url in _pages(reported))
    assert procedure_page.status_code == 200
    assert reverse("safety:report", args=[reported.pk]).encode() in procedure_page.content
    assert report_page.status_code == 200
    assert b"Dilated collecting system, drained." in report_page.content
    assert b"Add the addendum" not in report_page.content
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_referrer_cannot_read_another_referrers_report(client_as, reported):
    other = client_as("referrer", name="another-referrer")
    for url in _pages(reported):
        response = other.get(url)
        assert response.status_code == 404
        assert b"Dilated collecting system" not in response.content
        assert reported.request.patient.family_name.encode() not in response.content


def test_a_coder_reads_a_report(client_as, reported):
    coder = client_as("coder")
    procedure_page, report_page, pdf = (coder.get(url) for url in _pages(reported))
    assert procedure_page.status_code == 200
    assert report_page.status_code == 200
    assert b"Successful nephrostomy." in report_page.content
    assert pdf.content.startswith(b"%PDF")


def test_a_draft_report_is_not_shown_to_readers_and_nothing_is_created(client_as, finished):
    response = client_as("referrer").get(reverse("safety:report", args=[finished.pk]))
    assert response.status_code == 200
    assert b"not signed yet" in response.content
    assert not ProcedureReport.objects.filter(procedure=finished).exists()
    coder_pdf = client_as("coder").get(reverse("safety:report_pdf", args=[finished.pk]))
    assert coder_pdf.status_code == 404


def test_a_referrer_opens_the_patient_link_on_their_own_request(client_as, reported):
    referrer = client_as("referrer")
    page = referrer.get(reverse("cases:request", args=[reported.request_id]))
    patient_url = reverse("patients:detail", args=[reported.request.patient_id])
    assert patient_url.encode() in page.content
    chart = referrer.get(patient_url)
    assert chart.status_code == 200
    assert reported.request.patient.family_name.upper().encode() in chart.content


def test_a_referrer_cannot_open_another_referrers_patient(client_as, reported):
    other = client_as("referrer", name="another-referrer")
    chart = other.get(reverse("patients:detail", args=[reported.request.patient_id]))
    assert chart.status_code == 404


def test_the_referrers_chart_lists_only_their_own_requests(client_as, persona, reported):
    other_request = services.create_request(
        by=persona("referrer", name="another-referrer"),
        patient=reported.request.patient,
        site=reported.request.site,
        entry=services.catalogue_entry("PCN"),
        indication="Second opinion",
        icd10_codes=["N13.30"],
        priority="routine",
    )
    chart = client_as("referrer").get(
        reverse("patients:detail", args=[reported.request.patient_id])
    )
    assert reverse("cases:request", args=[reported.request_id]).encode() in chart.content
    assert reverse("cases:request", args=[other_request.pk]).encode() not in chart.content
