"""Leave and preferred days off for the on-call roster: the list, adding and removing."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from irsuite.bounds import bounded_int
from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability as C
from irsuite.scheduling.leave.models import LeaveKind, LeaveRequest
from irsuite.scheduling.leave.services import cancel_leave, request_leave

# Leave entries shown per page.
PAGE_SIZE = 50


@require(C.VIEW_ROSTER)
def leave(request: HttpRequest) -> HttpResponse:
    """My leave (everyone's for roster managers), with a form to add some."""
    me = staff_of(request.user)
    manager = has_capability(request.user, C.MANAGE_ROSTER)
    if request.method == "POST":
        _add(request, me, manager)
        return redirect("scheduling:roster_leave")
    rows = LeaveRequest.objects.filter(end__gte=timezone.localdate()).select_related("staff")
    if not manager:
        rows = rows.filter(staff=me) if me is not None else rows.none()
    who = bounded_int(request.GET.get("who", ""))
    if manager and who is not None:
        rows = rows.filter(staff_id=who)
    page = Paginator(rows.order_by("start", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "rows": page,
        "page": page,
        "who": who,
        "manager": manager,
        "me": me,
        "kinds": LeaveKind.choices,
        "people": Staff.objects.filter(active=True) if manager else [],
    }
    return render(request, "scheduling/roster_leave.html", context)


def _add(request: HttpRequest, me: Staff | None, manager: bool) -> None:
    who = me
    if manager and request.POST.get("staff"):
        who = get_object_or_404(Staff, pk=request.POST["staff"])
    if who is None:
        messages.error(request, "Your login has no staff record; ask an administrator.")
        return
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
        end = dt.date.fromisoformat(request.POST.get("end", "") or request.POST.get("start", ""))
        kind = request.POST.get("kind", LeaveKind.LEAVE)
        request_leave(who, kind, start, end, request.user, note=request.POST.get("note", ""))
        messages.success(request, f"Recorded: {date_format(start)} to {date_format(end)}.")
    except ValueError:
        messages.error(request, "Enter the first and last day as dates (YYYY-MM-DD).")
    except ServiceError as exc:
        messages.error(request, exc.message)


@require_POST
@require(C.VIEW_ROSTER)
def leave_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove one leave entry."""
    try:
        cancel_leave(get_object_or_404(LeaveRequest, pk=pk), request.user)
    except ServiceError as exc:
        raise PermissionDenied(exc.message) from exc
    messages.success(request, "Leave removed.")
    return redirect("scheduling:roster_leave")
