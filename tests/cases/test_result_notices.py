"""A referrer gets a result notice when the report of their request is signed: in irsuite and
by e-mail, naming no patient."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from irsuite.cases.models import TechnicalSuccess
from irsuite.cases.notices.models import Notice
from irsuite.cases.requests import services
from irsuite.safety.report import services as report_services

pytestmark = pytest.mark.django_db

SECTIONS = {
    "consent": "Written consent obtained.",
    "time_out": "Time-out performed.",
    "findings": "Dilated collecting system, drained.",
    "complications": "None immediate.",
    "radiation_dose": "Reference air kerma 40 mGy.",
    "impression": "Successful nephrostomy.",
}


@pytest.fixture
def signed_report(open_procedure, persona, django_capture_on_commit_callbacks):
    referrer = persona("referrer").staff
    referrer.email = "referrer@example.org"
    referrer.save()
    attending = persona("attending")
    report = report_services.open_report(open_procedure, by=attending)
    report = report_services.edit_report(report, sections=SECTIONS, by=attending)
    now = timezone.now()
    services.update_procedure(
        open_procedure,
        by=attending,
        version=open_procedure.version,
        fields={
            "start_at": now - dt.timedelta(hours=1),
            "end_at": now - dt.timedelta(minutes=10),
            "technical_success": TechnicalSuccess.SUCCESS,
            "disposition": "ward",
        },
    )
    open_procedure.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        report_services.sign_report(report, by=attending)
    return report


def test_the_referrer_gets_a_result_notice_and_an_email_when_the_report_is_signed(
    signed_report, persona
):
    notice = Notice.objects.get()
    assert notice.recipient == persona("referrer").staff and notice.read_at is None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["referrer@example.org"]
    patient = signed_report.procedure.request.patient
    assert patient.family_name not in sent.body and patient.family_name not in sent.subject


def test_the_notice_opens_the_report_and_is_then_read(signed_report, client_as):
    referrer = client_as("referrer")
    listed = referrer.get(reverse("cases:notices")).content.decode()
    assert "is signed" in listed and "New" in listed
    notice = Notice.objects.get()
    opened = referrer.post(reverse("cases:notice_read", args=[notice.pk]))
    assert opened["Location"] == reverse("safety:report", args=[signed_report.procedure_id])
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_else_reads_or_marks_a_notice(signed_report, client_as):
    notice = Notice.objects.get()
    other = client_as("referrer", name="another-referrer")
    assert "is signed" not in other.get(reverse("cases:notices")).content.decode()
    assert other.post(reverse("cases:notice_read", args=[notice.pk])).status_code == 404
