"""Dose alerts: raised over an SRDL, followed up on the patient, e-mailed once (by a
background task, `alerts.tasks.email_alert`, retried with back-off while the mail server fails)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record, snapshot
from irsuite.cases import hooks
from irsuite.cases.models import CaseRole
from irsuite.domain.catalogue import FollowUpKind
from irsuite.domain.dose_thresholds import (
    DatedDose,
    Exceedance,
    LevelKind,
    StudyDose,
    check_patient_cumulative,
    check_study,
)
from irsuite.dose.alerts.models import AlertKind, AlertStatus, DoseAlert
from irsuite.dose.reference import thresholds
from irsuite.dose.studies.models import DoseStudy
from irsuite.errors import Conflict
from irsuite.people.models import Staff
from irsuite.people.roles import StaffRole

log = logging.getLogger(__name__)


def _study_dose(study: DoseStudy) -> StudyDose:
    return StudyDose(
        ka_r_mgy=study.ka_r_mgy,
        kap_gycm2=study.kap_gycm2,
        fluoro_time_s=study.fluoro_time_s,
        psd_mgy=study.peak_skin_dose_mgy,
    )


def _raise(study: DoseStudy, kind: AlertKind, exceedance: Exceedance) -> DoseAlert | None:
    alert, created = DoseAlert.objects.get_or_create(
        study=study,
        kind=kind,
        quantity=exceedance.quantity.value,
        defaults={
            "patient_id": study.patient_id,
            "measured": exceedance.measured,
            "threshold": exceedance.threshold,
            "source": exceedance.source,
            "verified": exceedance.verified,
        },
    )
    return alert if created else None


def _cumulative(study: DoseStudy) -> list[Exceedance]:
    if study.patient_id is None or study.study_date is None or study.ka_r_mgy is None:
        return []
    rows = DoseStudy.objects.filter(
        patient_id=study.patient_id, ka_r_mgy__isnull=False, study_date__isnull=False
    ).values_list("study_date", "ka_r_mgy")
    check = check_patient_cumulative(
        [DatedDose(day, kar) for day, kar in rows if day is not None and kar is not None],
        study.study_date,
        thresholds(),
    )
    if check.studies < 2:
        return []
    return [e for e in check.exceedances if e.kind is LevelKind.SRDL]


def _skin_checks(alert: DoseAlert, by: Actor) -> None:
    plan = thresholds().skin_checks
    study = alert.study
    if plan is None or study.patient is None or alert.follow_up_task_id is not None:
        return
    start = study.study_date or timezone.localdate()
    first = None
    for days in plan.after_days:
        task_id = hooks.schedule_follow_up(
            hooks.FollowUpOrder(
                patient=study.patient,
                procedure=study.procedure,
                kind=FollowUpKind.SKIN_CHECK,
                source="dose_alert",
                description=(
                    f"Skin check after a radiation dose over the SRDL ({alert.sentence}); "
                    "look at the irradiated skin and record any erythema."
                ),
                due_date=start + dt.timedelta(days=days),
                window_days=plan.window_days,
                by=by if isinstance(by, AbstractBaseUser) else None,
                channel="dose",
            )
        )
        first = first or task_id
    alert.follow_up_task_id = first
    alert.save(update_fields=["follow_up_task"])


def evaluate_alerts(
    study: DoseStudy, *, by: Actor = None, new_study: bool = False
) -> list[DoseAlert]:
    """Raise the study's SRDL alerts (study and cumulative) and their follow-up; new ones only.

    Runs inside the caller's transaction; e-mails go out after commit, once per alert. A study
    inserted in this transaction (`new_study`) has no earlier alerts to bring up to date.
    """
    raised = []
    for exceedance in check_study(_study_dose(study), thresholds()).exceedances:
        if exceedance.kind is LevelKind.SRDL:
            raised.append(_raise(study, AlertKind.STUDY_SRDL, exceedance))
    for exceedance in _cumulative(study):
        raised.append(_raise(study, AlertKind.CUMULATIVE_SRDL, exceedance))
    new = [alert for alert in raised if alert is not None]
    for alert in new:
        record(
            by,
            AuditAction.CREATE,
            alert,
            patient_id=study.patient_id,
            after=snapshot(alert),
            summary=f"dose alert {alert.kind} {alert.quantity}",
            channel="dose",
        )
    if new_study and not new:
        return new
    for alert in DoseAlert.objects.filter(study=study).select_related("study__patient"):
        if alert.patient_id is None and study.patient_id is not None:
            alert.patient_id = study.patient_id
            alert.save(update_fields=["patient"])
        _skin_checks(alert, by)
        if alert.email_sent_at is None:
            _queue_email(alert)
    return new


def _queue_email(alert: DoseAlert) -> None:
    """Queue the alert's e-mail in this transaction: it exists exactly when the alert does."""
    from irsuite.dose.alerts.tasks import email_alert

    email_alert.enqueue(alert.pk)


def _recipients(alert: DoseAlert) -> list[str]:
    emails = set(
        Staff.objects.filter(role=StaffRole.PHYSICIST, active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if alert.study.procedure_id is not None:
        emails |= set(
            Staff.objects.filter(
                case_roles__procedure_id=alert.study.procedure_id,
                case_roles__role=CaseRole.ATTENDING_OPERATOR,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(emails)


def send_alert_email(alert_id: int) -> bool:
    """E-mail the physicists and the operator about an alert, once (no patient identifiers)."""
    with transaction.atomic():
        alert = DoseAlert.objects.select_for_update().select_related("study").get(pk=alert_id)
        recipients = _recipients(alert)
        if alert.email_sent_at is not None or not recipients:
            return False
        study = alert.study
        body = (
            f"A radiation dose alert was raised for a {study.get_kind_display()} study of "
            f"{date_format(study.study_date) if study.study_date else 'unknown date'}: "
            f"{alert.get_kind_display()}.\n"
            f"{alert.sentence} ({alert.source}{'' if alert.verified else ', unverified'}).\n"
            "Open the dose alerts page in irsuite to acknowledge it and plan the skin follow-up."
        )
        send_mail("irsuite: radiation dose alert", body, settings.DEFAULT_FROM_EMAIL, recipients)
        alert.email_sent_at = timezone.now()
        alert.save(update_fields=["email_sent_at"])
    return True


_NEXT = {
    AlertStatus.OPEN: AlertStatus.ACKNOWLEDGED,
    AlertStatus.ACKNOWLEDGED: AlertStatus.FOLLOW_UP_DONE,
}


@transaction.atomic
def advance_alert(alert: DoseAlert, to: AlertStatus, *, by: AbstractBaseUser) -> DoseAlert:
    """Move an alert open → acknowledged → follow-up done, recording who and when."""
    alert = DoseAlert.objects.select_for_update().get(pk=alert.pk)
    if _NEXT.get(AlertStatus(alert.status)) != to:
        raise Conflict(
            f"The alert is {alert.get_status_display().lower()}; it cannot move to "
            f"{AlertStatus(to).label.lower()}. Reload the page."
        )
    before = snapshot(alert)
    alert.status = to
    if to is AlertStatus.ACKNOWLEDGED:
        alert.acknowledged_by, alert.acknowledged_at = by, timezone.now()  # type: ignore[assignment]
    else:
        alert.follow_up_done_by, alert.follow_up_done_at = by, timezone.now()  # type: ignore[assignment]
    alert.save()
    record(
        by,
        AuditAction.TRANSITION,
        alert,
        patient_id=alert.patient_id,
        before=before,
        after=snapshot(alert),
        summary=f"dose alert {to}",
    )
    return alert
