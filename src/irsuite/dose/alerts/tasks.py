"""Alert e-mails as a background task: a mail server that is down delays them, never loses
them, and never holds up the import that raised the alert."""

from __future__ import annotations

import smtplib

from django_tasks import TaskContext, task

from irsuite.background import retry_later
from irsuite.dose.alerts.services import send_alert_email

# Seconds before each further attempt while the mail server fails: 1 min, 5 min, 30 min, 2 h,
# 6 h; then the task is marked failed and listed for an administrator to retry.
EMAIL_BACKOFF = (60, 300, 1800, 7200, 21600)


@task(takes_context=True)
def email_alert(context: TaskContext, alert_id: int, attempt: int = 1) -> bool:
    """E-mail an alert once; on a mail-server error, try again later (see `EMAIL_BACKOFF`)."""
    try:
        return send_alert_email(alert_id)
    except (smtplib.SMTPException, OSError) as error:
        retry_later(
            context, email_alert, alert_id, error=error, delays=EMAIL_BACKOFF, attempt=attempt
        )
        return False
