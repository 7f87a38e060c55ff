"""The auto-schedule pages: run the CP-SAT proposal for a week, review, edit and accept it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irsuite.cases.models import Request
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.models import Room, Site
from irsuite.people.roles import Capability as C
from irsuite.scheduling.autoschedule.forms import ProposeForm
from irsuite.scheduling.autoschedule.models import ProposalStatus, ScheduleProposal
from irsuite.scheduling.autoschedule.services import (
    DEFAULT_TIME_LIMIT_S,
    Accepted,
    apply_proposal,
    discard_proposal,
    propose,
)
from irsuite.scheduling.booking.forms import LOCAL_INPUT


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


@require(C.SCHEDULE)
def auto(request: HttpRequest, site: str) -> HttpResponse:
    """Choose a week and run the auto-scheduler on the site's vetted backlog."""
    place = get_object_or_404(Site, code=site)
    initial = {
        "week_start": next_monday(timezone.localdate()),
        "time_limit_s": DEFAULT_TIME_LIMIT_S,
    }
    form = ProposeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = propose(
                place,
                form.cleaned_data["week_start"],
                by=request.user,
                time_limit_s=form.cleaned_data["time_limit_s"],
            )
            return redirect("scheduling:proposal", pk=proposal.pk)
        except ServiceError as exc:
            form.add_error(None, exc.message)
    recent = ScheduleProposal.objects.filter(site=place)[:10]
    return render(request, "scheduling/auto.html", {"site": place, "form": form, "recent": recent})


def _rows(proposal: ScheduleProposal) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    ids = [p["request"] for p in proposal.placements] + [u["request"] for u in proposal.unscheduled]
    requests = Request.objects.select_related("catalogue_entry").in_bulk(ids)
    rooms = Room.objects.in_bulk([p["room"] for p in proposal.placements])
    placed = [
        {
            **p,
            "req": requests.get(p["request"]),
            "room_obj": rooms.get(p["room"]),
            "start_dt": dt.datetime.fromisoformat(p["start"]),
        }
        for p in proposal.placements
    ]
    left = [{**u, "req": requests.get(u["request"])} for u in proposal.unscheduled]
    return placed, left


def _accepted(request: HttpRequest) -> list[Accepted]:
    """The ticked rows, with the room and start the scheduler may have edited."""
    chosen = []
    for value in request.POST.getlist("accept"):
        pk = int(value)
        start = request.POST.get(f"start-{pk}", "")
        for fmt in LOCAL_INPUT:
            try:
                moment = timezone.make_aware(dt.datetime.strptime(start, fmt))
                break
            except ValueError:
                continue
        else:
            continue
        chosen.append(Accepted(pk, int(request.POST.get(f"room-{pk}", "0")), moment))
    return chosen


@require(C.SCHEDULE)
def proposal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Review a proposal; tick, edit and accept placements to book them."""
    proposal = get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=pk)
    if request.method == "POST":
        if request.POST.get("discard"):
            discard_proposal(proposal, by=request.user)
            return redirect("scheduling:auto", site=proposal.site.code)
        try:
            result = apply_proposal(proposal, _accepted(request), by=request.user)
            messages.success(request, f"{len(result.booked)} cases booked.")
            for _request_pk, reason in result.refused:
                messages.warning(request, f"A case was not booked: {reason}")
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect(
            "scheduling:week", site=proposal.site.code, day=proposal.week_start.isoformat()
        )
    placed, left = _rows(proposal)
    gap = (proposal.bound - proposal.value) / proposal.bound if proposal.bound else 0.0
    context = {
        "proposal": proposal,
        "placed": placed,
        "left": left,
        "gap": gap,
        "rooms": Room.objects.filter(site=proposal.site, active=True),
        "open": proposal.status == ProposalStatus.OPEN,
    }
    return render(request, "scheduling/proposal.html", context)
