"""Pages of the DICOM interface: each room's worklist as its modality sees it, the MPPS
received per room and day, and the performed steps that wait to be linked."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.audit.reads import note_patients
from irsuite.bounds import query_date
from irsuite.errors import ServiceError
from irsuite.interop.dicom.models import MatchedBy, PerformedStep, ScheduledStep
from irsuite.interop.dicom.mpps.services import link_performed_step
from irsuite.people.access import has_capability, require
from irsuite.people.models import Room
from irsuite.people.roles import Capability as C


def _day(raw: str) -> dt.date:
    return query_date(raw) or timezone.localdate()


def _around(day: dt.date) -> dict[str, dt.date]:
    return {"day": day, "previous": day - dt.timedelta(days=1), "next": day + dt.timedelta(days=1)}


@require(C.VIEW_WORKLIST)
def overview(request: HttpRequest) -> HttpResponse:
    """The rooms with today's worklist and MPPS, and how many steps wait to be linked."""
    waiting = PerformedStep.objects.filter(matched_by=MatchedBy.NONE).count()
    refused = PerformedStep.objects.filter(accepted=False).count()
    context = {
        "rooms": Room.objects.filter(active=True).select_related("site"),
        "today": timezone.localdate(),
        "waiting": waiting,
        "refused": refused,
    }
    return render(request, "interop/dicom/overview.html", context)


@require(C.VIEW_WORKLIST)
def room_worklist(request: HttpRequest, room_id: int, day: str) -> HttpResponse:
    """The items a modality in the room gets for the day, with their DICOM attributes."""
    room = get_object_or_404(Room, pk=room_id)
    when = _day(day)
    steps = list(
        ScheduledStep.objects.filter(
            station_ae_title=room.ae_title, start_date=when, on_worklist=True
        )
        .select_related("request")
        .order_by("start_time", "pk")
    )
    note_patients((s.request.patient_id for s in steps), what="DICOM worklist")
    context = {"room": room, "steps": steps, **_around(when)}
    return render(request, "interop/dicom/worklist.html", context)


@require(C.VIEW_WORKLIST)
def room_performed(request: HttpRequest, room_id: int, day: str) -> HttpResponse:
    """The MPPS received from the room on the day, with their states."""
    room = get_object_or_404(Room, pk=room_id)
    when = _day(day)
    performed = list(
        PerformedStep.objects.filter(room=room, day=when)
        .prefetch_related("steps__request")
        .order_by("started_at", "pk")
    )
    note_patients(
        (s.request.patient_id for p in performed for s in p.steps.all()), what="DICOM MPPS"
    )
    context = {"room": room, "performed": performed, **_around(when)}
    return render(request, "interop/dicom/performed.html", context)


@require(C.VIEW_WORKLIST)
def unmatched(request: HttpRequest) -> HttpResponse:
    """Steps that matched nothing (an emergency before its order) and refused starts."""
    context = {
        "unmatched": PerformedStep.objects.filter(matched_by=MatchedBy.NONE).select_related("room"),
        "refused": PerformedStep.objects.filter(accepted=False)
        .exclude(matched_by=MatchedBy.NONE)
        .select_related("room"),
        "can_link": has_capability(request.user, C.RECORD_PROCEDURE),
    }
    return render(request, "interop/dicom/unmatched.html", context)


@require(C.RECORD_PROCEDURE)
@require_POST
def link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link an unmatched step to a request by its accession number."""
    pps = get_object_or_404(PerformedStep, pk=pk)
    try:
        link_performed_step(pps, request.POST.get("accession_number", ""), by=request.user)
        messages.success(request, "The step is linked to the request.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("interop:dicom-unmatched")
