"""The booking panel on the request page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from irsuite.cases.models import Request
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability as C
from irsuite.scheduling.models import Booking, RequestNeeds


def request_panel(req: Request, http_request: Any) -> dict[str, Any] | None:
    """Where and when the request is booked, its scheduling needs, and links to the calendar."""
    if not has_capability(http_request.user, C.VIEW_WORKLIST, C.SCHEDULE):
        return None
    booking = Booking.objects.filter(request=req).select_related("room", "operator").first()
    day = timezone.localdate(booking.start) if booking else timezone.localdate()
    context: dict[str, Any] = {
        "booking": booking,
        "needs": RequestNeeds.objects.filter(request=req).select_related("operator").first(),
        "can_book": has_capability(http_request.user, C.SCHEDULE),
        "calendar_url": reverse("scheduling:day", args=[req.site.code, day.isoformat()]),
    }
    if booking is not None:
        context["worklist_url"] = reverse(
            "scheduling:worklist", args=[booking.room_id, day.isoformat()]
        )
        context["unbook_url"] = reverse("scheduling:unbook", args=[booking.pk])
    return context
