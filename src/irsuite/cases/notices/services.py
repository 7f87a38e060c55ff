"""Result notices: when a request's report is signed its referrer gets a notice in irsuite and
an e-mail. The e-mail names no patient: it says a result is ready and where to read it."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from irsuite.cases.notices.models import Notice, NoticeKind
from irsuite.cases.procedures.models import Procedure
from irsuite.errors import NotFound
from irsuite.people.access import UserLike, staff_of

log = logging.getLogger(__name__)
SUBJECT = "irsuite: a result is ready"


def notify_result(procedure: Procedure) -> Notice | None:
    """Tell the request's referrer that its report is signed (in the caller's transaction; the
    e-mail goes once the transaction commits). None when the request has no referrer."""
    request = procedure.request
    referrer = request.referrer
    if referrer is None:
        return None
    notice = Notice.objects.create(
        recipient=referrer,
        request=request,
        kind=NoticeKind.RESULT,
        text=f"The report of {request.catalogue_entry.name} is signed: read the result.",
        created_at=timezone.now(),
    )
    transaction.on_commit(partial(send_result_email, notice.pk))
    return notice


def send_result_email(notice_id: int) -> bool:
    """E-mail the notice's recipient once (no patient identifier); False when not sent."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("recipient").get(pk=notice_id)
        address = notice.recipient.email
        if notice.emailed_at is not None or not address:
            return False
        body = (
            "A report you requested has been signed.\n"
            f"Read it in irsuite under your notices: {reverse('cases:notices')}\n"
        )
        try:
            send_mail(SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [address])
        except OSError:
            log.warning("result notice %s: the mail server refused; it stays unsent", notice.pk)
            return False
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
    return True


def notices_of(user: UserLike) -> list[Notice]:
    """The user's notices, newest first."""
    me = staff_of(user)
    if me is None:
        return []
    return list(
        Notice.objects.filter(recipient=me).select_related(
            "request__catalogue_entry", "request__procedure"
        )[:200]
    )


def mark_read(notice_id: int, *, by: UserLike) -> Notice:
    """Mark one of the user's own notices read; another's answers as missing."""
    me = staff_of(by)
    notice = Notice.objects.filter(pk=notice_id, recipient=me).first() if me else None
    if notice is None:
        raise NotFound("Not found: it does not exist, or it is not yours.")
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice
