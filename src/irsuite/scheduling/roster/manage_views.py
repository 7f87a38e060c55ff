"""Roster management pages: periods (create, solve, publish), manual changes and swaps."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability as C
from irsuite.scheduling.roster.jobs import is_running, start_solving
from irsuite.scheduling.roster.models import RosterAssignment, RosterPeriod, SwapRequest, SwapStatus
from irsuite.scheduling.roster.services import create_period, override_assignment, publish_period
from irsuite.scheduling.roster.swaps import (
    accept_swap,
    approve_swap,
    offer_swap,
    refuse_swap,
    withdraw_swap,
)

WEB_TIME_LIMIT = 60.0


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else default)


@require(C.MANAGE_ROSTER)
def periods(request: HttpRequest) -> HttpResponse:
    """The roster periods, with forms to add, solve and publish them."""
    if request.method == "POST":
        try:
            start = dt.date.fromisoformat(request.POST.get("start", ""))
            end = dt.date.fromisoformat(request.POST.get("end", ""))
            holidays = [h.strip() for h in request.POST.get("holidays", "").split(",") if h.strip()]
            create_period(start, end, request.user, rules=_rules(request), holidays=holidays)
            messages.success(request, f"Draft roster {start}..{end} created.")
        except ValueError:
            messages.error(request, "Enter the first and last day as dates (YYYY-MM-DD).")
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("scheduling:roster_periods")
    rows = [(p, is_running(p)) for p in RosterPeriod.objects.all()[:50]]
    context = {"rows": rows}
    return render(request, "scheduling/roster_periods.html", context)


def _rules(request: HttpRequest) -> dict[str, object]:
    rules: dict[str, object] = {
        "no_duty_after_night": request.POST.get("no_duty_after_night") == "on",
        "pair_trainee_with_attending": request.POST.get("pair_trainee_with_attending") == "on",
    }
    for key in ("max_consecutive", "max_per_month", "min_rest_days"):
        if value := request.POST.get(key, "").strip():
            rules[key] = int(value)
    return rules


@require_POST
@require(C.MANAGE_ROSTER)
def solve(request: HttpRequest, pk: int) -> HttpResponse:
    """Start solving a draft period; the periods page follows its progress."""
    period = get_object_or_404(RosterPeriod, pk=pk)
    try:
        start_solving(period, request.user, time_limit=WEB_TIME_LIMIT)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:roster_periods")


@require(C.MANAGE_ROSTER)
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a solve (an HTMX fragment that polls until the solve ends)."""
    period = get_object_or_404(RosterPeriod, pk=pk)
    running = is_running(period)
    response = render(
        request, "scheduling/roster_progress.html", {"period": period, "running": running}
    )
    if not running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@require(C.MANAGE_ROSTER)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a solved draft."""
    try:
        publish_period(get_object_or_404(RosterPeriod, pk=pk), request.user)
        messages.success(request, "Roster published.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("scheduling:roster_periods")


@require_POST
@require(C.MANAGE_ROSTER)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    """Put someone else on a duty by hand, with a reason (audited)."""
    assignment = get_object_or_404(RosterAssignment, pk=pk)
    staff = get_object_or_404(Staff, pk=request.POST.get("staff") or 0)
    try:
        broken = override_assignment(
            assignment, staff, request.user, request.POST.get("reason", "")
        )
        note = f" It breaks: {'; '.join(broken)}." if broken else ""
        messages.success(request, f"{staff.display_name} is now on this duty.{note}")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return _back(request, reverse("scheduling:roster"))


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
