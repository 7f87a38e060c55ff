"""Duty swap pages: my swaps and those awaiting a chief, offering a duty, and each step."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability as C
from irsuite.scheduling.roster.models import RosterAssignment
from irsuite.scheduling.swaps.models import SwapRequest, SwapStatus
from irsuite.scheduling.swaps.services import (
    accept_swap,
    approve_swap,
    offer_swap,
    refuse_swap,
    withdraw_swap,
)


@require(C.VIEW_ROSTER)
def swaps(request: HttpRequest) -> HttpResponse:
    """My swaps, and the swaps awaiting a chief's approval."""
    me = staff_of(request.user)
    mine = SwapRequest.objects.none()
    if me is not None:
        mine = SwapRequest.objects.filter(giver=me) | SwapRequest.objects.filter(taker=me)
    waiting = SwapRequest.objects.none()
    if has_capability(request.user, C.APPROVE_SWAP):
        waiting = SwapRequest.objects.filter(status=SwapStatus.ACCEPTED)
    related = ("assignment__call_type", "giver", "taker", "back_assignment__call_type")
    context = {
        "me": me,
        "mine": mine.select_related(*related)[:100],
        "waiting": waiting.select_related(*related),
        "manager": has_capability(request.user, C.MANAGE_ROSTER),
    }
    return render(request, "scheduling/roster_swaps.html", context)


@require_POST
@require(C.VIEW_ROSTER)
def swap_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer one of my duties to a colleague."""
    assignment = get_object_or_404(RosterAssignment, pk=pk)
    taker = get_object_or_404(Staff, pk=request.POST.get("taker") or 0)
    try:
        swap = offer_swap(assignment, taker, request.user, note=request.POST.get("note", ""))
        warn = f" Note: {'; '.join(swap.problems)}." if swap.problems else ""
        messages.success(request, f"Offered to {taker.display_name}.{warn}")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:roster_swaps")


@require_POST
@require(C.VIEW_ROSTER)
def swap_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Accept, withdraw, approve or refuse a swap."""
    swap = get_object_or_404(SwapRequest, pk=pk)
    actions = {
        "accept": accept_swap,
        "withdraw": withdraw_swap,
        "approve": approve_swap,
        "refuse": refuse_swap,
    }
    if action not in actions:
        return HttpResponse("Unknown swap action.", status=404)
    try:
        swap = actions[action](swap, request.user)
        if swap.problems and swap.status == SwapStatus.REFUSED:
            messages.error(request, "Swap refused: " + "; ".join(swap.problems))
        else:
            messages.success(request, f"Swap {swap.get_status_display().lower()}.")
    except ServiceError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    return redirect("scheduling:roster_swaps")
