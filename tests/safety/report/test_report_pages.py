import json

import pytest
from django.urls import reverse

from irsuite.cases.models import RequestStatus
from irsuite.outcomes.followup.models import FollowUpTask
from irsuite.safety.report.models import ProcedureReport

REQUIRED = {
    "section_consent": "Written consent obtained.",
    "section_time_out": "Time-out performed.",
    "section_findings": "Dilated collecting system.",
    "section_complications": "None immediate.",
    "section_radiation_dose": "Reference air kerma 40 mGy.",
    "section_impression": "Successful nephrostomy.",
}


def test_an_anonymous_visitor_is_sent_to_login(client, finished):
    response = client.get(reverse("safety:report", args=[finished.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["researcher", "scheduler", "physicist"])
def test_roles_that_do_not_record_procedures_cannot_open_the_report(client_as, finished, role):
    assert client_as(role).get(reverse("safety:report", args=[finished.pk])).status_code == 403


def test_a_fellow_cannot_sign_the_report(client_as, finished):
    fellow = client_as("fellow")
    fellow.get(reverse("safety:report", args=[finished.pk]))
    assert fellow.post(reverse("safety:report_sign", args=[finished.pk])).status_code == 403


def test_the_attending_edits_signs_and_adds_an_addendum(client_as, finished):
    attending = client_as("attending")
    page = attending.get(reverse("safety:report", args=[finished.pk]))
    assert b"Obstructed left kidney" in page.content
    report = ProcedureReport.objects.get(procedure=finished)
    attending.post(
        reverse("safety:report_edit", args=[finished.pk]), {**REQUIRED, "version": report.version}
    )
    response = attending.post(reverse("safety:report_sign", args=[finished.pk]), follow=True)
    assert b"Signed by Dr Attending Test" in response.content
    finished.refresh_from_db()
    assert finished.is_signed
    assert finished.request.status == RequestStatus.COMPLETED
    assert FollowUpTask.objects.filter(procedure=finished).exists()
    response = attending.post(
        reverse("safety:report_addendum", args=[finished.pk]),
        {"text": "Culture grew E. coli."},
        follow=True,
    )
    assert b"Culture grew E. coli." in response.content
    pdf = attending.get(reverse("safety:report_pdf", args=[finished.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_signing_with_empty_sections_says_which_to_fill(client_as, finished):
    attending = client_as("attending")
    attending.get(reverse("safety:report", args=[finished.pk]))
    response = attending.post(reverse("safety:report_sign", args=[finished.pk]), follow=True)
    assert b"Fill the section" in response.content
    assert not ProcedureReport.objects.get(procedure=finished).is_signed


def test_the_report_api_prefills_and_signs(api_as, finished):
    api = api_as("attending")
    body = api.get(f"/api/v1/safety/procedures/{finished.pk}/report").json()
    assert body["sections"]["indication"] == "Obstructed left kidney"
    assert "Fill the section 'Findings' before signing." in body["problems"]
    refused = api.post(f"/api/v1/safety/procedures/{finished.pk}/report/sign")
    assert refused.status_code == 422
    report = ProcedureReport.objects.get(procedure=finished)
    report.sections = {
        **report.sections,
        **{k.removeprefix("section_"): v for k, v in REQUIRED.items()},
    }
    report.save()
    signed = api.post(f"/api/v1/safety/procedures/{finished.pk}/report/sign")
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    assert json.dumps(signed.json()["plan"])


def test_the_report_api_refuses_a_nurse_signature(api_as, finished):
    api_as("attending").get(f"/api/v1/safety/procedures/{finished.pk}/report")
    response = api_as("nurse").post(f"/api/v1/safety/procedures/{finished.pk}/report/sign")
    assert response.status_code == 403


def test_the_procedure_page_links_to_the_report(client_as, open_procedure):
    response = client_as("attending").get(reverse("cases:procedure", args=[open_procedure.pk]))
    assert response.status_code == 200
    assert reverse("safety:report", args=[open_procedure.pk]).encode() in response.content
