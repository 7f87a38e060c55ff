"""The auto-schedule pages: run the CP-SAT proposal for a week, review, edit and accept it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irsuite.background import enqueue
from irsuite.bounds import bounded_int
from irsuite.cases.models import Request
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.models import Room, Site
from irsuite.people.roles import Capability as C
from irsuite.scheduling.autoschedule.forms import ProposeForm
from irsuite.scheduling.autoschedule.models import ACTIONABLE, ScheduleProposal
from irsuite.scheduling.autoschedule.queries import week_changes
from irsuite.scheduling.autoschedule.services import (
    DEFAULT_TIME_LIMIT_S,
    Accepted,
    apply_proposal,
    discard_proposal,
    request_proposal,
)
from irsuite.scheduling.autoschedule.tasks import compute_schedule_proposal
from irsuite.scheduling.booking.forms import LOCAL_INPUT
from irsuite.scheduling.booking.queries import name_of, patient_label, with_people


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
            proposal = _queue_proposal(request, place, form.cleaned_data)
            messages.success(request, "Proposal queued: this page shows it once it is computed.")
            return redirect("scheduling:proposal", pk=proposal.pk)
        except ServiceError as exc:
            form.add_error(None, exc.message)
    recent = ScheduleProposal.objects.filter(site=place)[:10]
    return render(request, "scheduling/auto.html", {"site": place, "form": form, "recent": recent})


@transaction.atomic
def _queue_proposal(request: HttpRequest, place: Site, data: dict[str, Any]) -> ScheduleProposal:
    """Ask for a proposal and queue its computation for `irsuite worker` (in one transaction)."""
    proposal = request_proposal(
        place, data["week_start"], by=request.user, time_limit_s=data["time_limit_s"]
    )
    enqueue(
        compute_schedule_proposal,
        proposal.pk,
        request.user.pk,
        label=f"Proposal for the week of {proposal.week_start}",
        by=request.user,
    )
    return proposal


def _rows(proposal: ScheduleProposal) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Placements and left-out requests with their request, patient and room to show."""
    ids = [p["request"] for p in proposal.placements] + [u["request"] for u in proposal.unscheduled]
    requests = with_people(Request.objects.all()).in_bulk(ids)
    rooms = Room.objects.in_bulk([p["room"] for p in proposal.placements])

    def who(pk: int) -> str:
        req = requests.get(pk)
        return patient_label(req.patient, req.site) if req else "—"

    placed = [
        {
            **p,
            "req": requests.get(p["request"]),
            "who": who(p["request"]),
            "room_obj": rooms.get(p["room"]),
            "start_dt": dt.datetime.fromisoformat(p["start"]),
            "outcome": p.get("outcome", {}),
        }
        for p in proposal.placements
    ]
    left = [
        {**u, "req": requests.get(u["request"]), "who": who(u["request"])}
        for u in proposal.unscheduled
    ]
    return placed, left


def _moment(text: str) -> dt.datetime | None:
    for fmt in LOCAL_INPUT:
        try:
            return timezone.make_aware(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    return None


def _accepted(request: HttpRequest) -> list[Accepted]:
    """The ticked rows, with the room and start the scheduler may have edited, and whether
    the scheduler confirmed booking a request that changed since the proposal."""
    confirmed = set(request.POST.getlist("confirm"))
    chosen = []
    for value in dict.fromkeys([*request.POST.getlist("accept"), *confirmed]):
        pk = bounded_int(value)
        if pk is None:
            continue
        moment = _moment(request.POST.get(f"start-{value}", ""))
        room = bounded_int(request.POST.get(f"room-{value}", ""))
        if moment is None or room is None:
            continue
        chosen.append(Accepted(pk, room, moment, confirmed=value in confirmed))
    return chosen


def _apply(request: HttpRequest, proposal: ScheduleProposal) -> HttpResponse:
    try:
        result = apply_proposal(proposal, _accepted(request), by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("scheduling:proposal", pk=proposal.pk)
    booked, refused = len(result.booked), len(result.refused)
    messages.success(request, f"{booked} {'case' if booked == 1 else 'cases'} booked or moved.")
    if refused:
        messages.warning(
            request,
            f"{refused} not booked: each is listed below with what to resolve. Nothing that "
            "changed since the proposal was made has been moved.",
        )
        return redirect("scheduling:proposal", pk=proposal.pk)
    return redirect("scheduling:week", site=proposal.site.code, day=proposal.week_start.isoformat())


@require(C.SCHEDULE)
def proposal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Review a proposal; tick, edit and accept placements to book them; resolve conflicts."""
    proposal = get_object_or_404(ScheduleProposal.objects.select_related("site"), pk=pk)
    if request.method == "POST":
        if request.POST.get("discard"):
            discard_proposal(proposal, by=request.user)
            messages.success(request, "Proposal discarded: nothing more will be booked from it.")
            return redirect("scheduling:auto", site=proposal.site.code)
        return _apply(request, proposal)
    placed, left = _rows(proposal)
    gap = (proposal.bound - proposal.value) / proposal.bound if proposal.bound else 0.0
    actionable = proposal.status in ACTIONABLE
    context = {
        "proposal": proposal,
        "placed": placed,
        "left": left,
        "gap": gap,
        "rooms": Room.objects.filter(site=proposal.site, active=True),
        "open": actionable,
        "changed": week_changes(proposal.basis, proposal.week_start) if actionable else 0,
        "created_by": name_of(proposal.created_by),
        "applied_by": name_of(proposal.applied_by),
    }
    return render(request, "scheduling/proposal.html", context)
