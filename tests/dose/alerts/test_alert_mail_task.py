"""Alert e-mails go out from a background task: a mail server that fails delays the e-mail
(tried again with back-off), never loses it, never sends it twice, and never fails the import."""

from __future__ import annotations

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from dose_samples import altered

from irsuite.dose.alerts.models import DoseAlert
from irsuite.dose.alerts.tasks import EMAIL_BACKOFF
from irsuite.dose.importing.services import ImportStatus, import_rdsr
from irsuite.people.models import Staff
from task_queue import DATABASE_TASKS, run_queued

pytestmark = pytest.mark.django_db(transaction=True)

DOWN = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def hot_report(open_procedure, persona, settings) -> bytes:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS
    Staff.objects.filter(user=persona("physicist")).update(email="physicist@example.org")
    return altered(
        "RF-RDSR-Siemens-Zee.dcm",
        PatientID="SBH0000001",
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
        AccessionNumber=open_procedure.request.accession_number,
        dose_rp_gy=6.2,
    )


def _time_passes() -> None:
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_an_import_over_the_srdl_queues_the_email_instead_of_sending_it(hot_report) -> None:  # type: ignore[no-untyped-def]
    outcome = import_rdsr(hot_report, filename="hot.dcm", source="test")
    assert outcome.status is ImportStatus.IMPORTED
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "READY"
    run_queued()
    assert len(mail.outbox) == 1
    assert DoseAlert.objects.get().email_sent_at is not None


def test_a_failing_mail_server_is_tried_again_later_and_the_email_sent_once(hot_report) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(hot_report, filename="hot.dcm", source="test")
    with mock.patch("irsuite.dose.alerts.services.send_mail", side_effect=DOWN):
        run_queued()
    assert mail.outbox == [] and DoseAlert.objects.get().email_sent_at is None
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs["kwargs"] == {"attempt": 2}
    assert (again.run_after - timezone.now()).total_seconds() > EMAIL_BACKOFF[0] - 30
    run_queued()  # not yet due: nothing happens
    assert mail.outbox == []
    _time_passes()
    run_queued()
    assert len(mail.outbox) == 1
    _time_passes()
    run_queued()
    assert len(mail.outbox) == 1


def test_a_mail_server_that_never_answers_ends_as_a_failed_task_an_admin_can_retry(
    hot_report,
) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(hot_report, filename="hot.dcm", source="test")
    with mock.patch("irsuite.dose.alerts.services.send_mail", side_effect=DOWN):
        for _ in range(len(EMAIL_BACKOFF) + 1):
            _time_passes()
            run_queued()
    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert DBTaskResult.objects.filter(status="READY").count() == 0
    assert mail.outbox == []
