"""SRDL alerts: per study and cumulative, skin follow-up, the alert e-mail, and their steps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from dose_samples import altered

from irsuite.dose.alerts.models import AlertKind, AlertStatus, DoseAlert
from irsuite.dose.alerts.services import advance_alert
from irsuite.dose.importing.services import import_rdsr
from irsuite.errors import Conflict
from irsuite.outcomes.followup.models import FollowUpSource, FollowUpTask
from irsuite.people.models import Staff

pytestmark = pytest.mark.django_db

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


def _da(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def test_a_study_over_the_ka_r_srdl_raises_an_alert_with_skin_checks_and_one_email(
    open_procedure,
    persona,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    physicist = persona("physicist")
    Staff.objects.filter(user=physicist).update(email="physicist@example.org")
    attending = persona("attending")
    Staff.objects.filter(user=attending).update(email="operator@example.org")
    data = altered(
        FLUORO,
        PatientID="SBH0000001",
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
        AccessionNumber=open_procedure.request.accession_number,
        dose_rp_gy=6.2,
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_rdsr(data, filename="hot.dcm", source="test")
    alert = DoseAlert.objects.get()
    assert (alert.kind, alert.quantity) == (AlertKind.STUDY_SRDL, "ka_r_mgy")
    assert alert.measured == pytest.approx(6200) and alert.threshold == 5000
    tasks = FollowUpTask.objects.filter(source=FollowUpSource.DOSE_ALERT)
    assert tasks.count() == 2
    assert {t.patient_id for t in tasks} == {open_procedure.request.patient_id}
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"physicist@example.org", "operator@example.org"}
    assert "Example" not in mail.outbox[0].body  # no patient name
    with django_capture_on_commit_callbacks(execute=True):
        import_rdsr(data, filename="hot.dcm", source="test")  # the same file again
    assert len(mail.outbox) == 1
    assert DoseAlert.objects.count() == 1


def test_doses_within_the_window_add_up_to_a_cumulative_alert(open_procedure) -> None:  # type: ignore[no-untyped-def]
    accession = open_procedure.request.accession_number
    day = open_procedure.day
    first = altered(
        FLUORO,
        new_uids=True,
        PatientID="SBH0000001",
        AccessionNumber="",  # an earlier case of the same patient
        dose_rp_gy=3.0,
        StudyDate=_da(day - dt.timedelta(days=20)),
    )
    second = altered(
        FLUORO,
        new_uids=True,
        PatientID="SBH0000001",
        AccessionNumber=accession,
        dose_rp_gy=2.5,
        StudyDate=_da(day),
    )
    import_rdsr(first, filename="1.dcm", source="test")
    assert DoseAlert.objects.count() == 0
    import_rdsr(second, filename="2.dcm", source="test")
    alert = DoseAlert.objects.get()
    assert alert.kind == AlertKind.CUMULATIVE_SRDL
    assert alert.measured == pytest.approx(5500)


def test_an_alert_moves_open_acknowledged_follow_up_done_with_who_and_when(
    open_procedure,
    persona,  # type: ignore[no-untyped-def]
) -> None:
    data = altered(
        FLUORO,
        PatientID="SBH0000001",
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
        AccessionNumber=open_procedure.request.accession_number,
        dose_rp_gy=7,
    )
    import_rdsr(data, filename="hot.dcm", source="test")
    alert = DoseAlert.objects.get()
    physicist = persona("physicist")
    with pytest.raises(Conflict):
        advance_alert(alert, AlertStatus.FOLLOW_UP_DONE, by=physicist)
    alert = advance_alert(alert, AlertStatus.ACKNOWLEDGED, by=physicist)
    assert alert.acknowledged_by == physicist and alert.acknowledged_at is not None
    alert = advance_alert(alert, AlertStatus.FOLLOW_UP_DONE, by=physicist)
    assert alert.status == AlertStatus.FOLLOW_UP_DONE and alert.follow_up_done_at is not None
