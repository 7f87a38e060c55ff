"""What booking adds to the case record through the cases hooks: the booking made when a
request is scheduled, the booking released when a request goes back, and the booking panel on
the request page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from irsuite.cases import hooks
from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.procedures.rules import primary_operator_role
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability as C
from irsuite.scheduling.booking.models import Booking, RequestNeeds
from irsuite.scheduling.booking.queries import name_of
from irsuite.scheduling.booking.services import release_booking, reserve_room


def request_panel(req: Request, http_request: Any) -> dict[str, Any] | None:
    """Where and when the request is booked, its scheduling needs, and links to the calendar."""
    if not has_capability(http_request.user, C.VIEW_WORKLIST, C.SCHEDULE):
        return None
    booking = (
        Booking.objects.filter(request=req)
        .select_related("room", "operator", "pin_released_by")
        .first()
    )
    day = timezone.localdate(booking.start) if booking else timezone.localdate()
    needs = RequestNeeds.objects.filter(request=req).select_related("operator").first()
    context: dict[str, Any] = {
        "booking": booking,
        "needs": needs,
        "can_book": has_capability(http_request.user, C.SCHEDULE),
        "calendar_url": reverse("scheduling:day", args=[req.site.code, day.isoformat()]),
    }
    if booking is not None:
        context["worklist_url"] = reverse(
            "scheduling:worklist", args=[booking.room_id, day.isoformat()]
        )
        context["unbook_url"] = reverse("scheduling:unbook", args=[booking.pk])
        context["release_url"] = reverse("scheduling:release_pin", args=[booking.pk])
        context["released_by"] = name_of(booking.pin_released_by)
    return context


def operator_from_the_booking(req: Request) -> hooks.ProcedureStart:
    """The booking's operator, who joins a new procedure's team as its primary operator."""
    booking = Booking.objects.filter(request=req).select_related("operator").first()
    operator = booking.operator if booking is not None else None
    role = primary_operator_role(operator.role) if operator is not None else None
    if operator is None or role is None:
        return hooks.ProcedureStart()
    return hooks.ProcedureStart(team=((operator, role),))


def register() -> None:
    """Book rooms as requests are scheduled, free them as requests go back, name the booked
    operator on a new procedure's team, show the panel."""
    hooks.add_schedule_hook(reserve_room)
    hooks.add_transition_guard(RequestStatus.VETTED, release_booking)
    hooks.add_transition_guard(RequestStatus.CANCELLED, release_booking)
    hooks.add_procedure_defaults(operator_from_the_booking)
    hooks.add_panel(
        hooks.REQUEST_PANELS,
        hooks.Panel("booking", "scheduling/booking_panel.html", request_panel, order=20),
    )
