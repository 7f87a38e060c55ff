"""Demo hook: every booked request from today on is on its room's DICOM worklist.

The demo writes its requests in bulk (no booking hooks run), so the steps are written here
through the worklist's own service, each with its Study Instance UID issued once.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from irsuite.cases.models import Request, RequestStatus
from irsuite.demo.context import DemoContext
from irsuite.interop.dicom.worklist.services import write_step

BOOKED = (RequestStatus.SCHEDULED, RequestStatus.READY)


def build(ctx: DemoContext) -> None:
    """Write the scheduled steps of the booked requests due today or later."""
    today = timezone.localdate(ctx.now) if timezone.is_aware(ctx.now) else ctx.now.date()
    booked = (
        Request.objects.filter(status__in=BOOKED, scheduled_start__date__gte=today)
        .select_related("patient", "site", "catalogue_entry", "room")
        .order_by("scheduled_start")
    )
    with transaction.atomic():
        for request in booked:
            write_step(request, request.room, request.scheduled_start, request.status)
