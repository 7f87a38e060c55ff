"""Request intake, the request page, vetting, booking and status changes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.audit.reads import note_patients
from irsuite.cases import hooks
from irsuite.cases.orders import hooks as order_hooks
from irsuite.cases.orders.forms import VetOrderForm
from irsuite.cases.orders.services import vet_order
from irsuite.cases.queries import visible_requests
from irsuite.cases.requests import services
from irsuite.cases.requests.forms import ReasonForm, RequestForm, ScheduleForm, VetForm
from irsuite.cases.requests.models import Request, RequestStatus
from irsuite.cases.views import attempt, service_error, submit
from irsuite.errors import ServiceError, ValidationFailed
from irsuite.patients.models import Patient
from irsuite.patients.services import find_by_mrn, patient_for_referral, register_patient
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability as C


def _patient_for(form: RequestForm, user: Any) -> Patient:
    """IR staff find the chart by MRN or register it; a referrer goes through the referral
    match (MRN, names and date of birth), which never reveals a chart they did not name."""
    data = form.cleaned_data
    who = {
        "by": user,
        "site": data["site"],
        "mrn": data["mrn"],
        "given_name": data["given_name"],
        "family_name": data["family_name"],
        "birth_date": data["birth_date"],
        "sex": data["sex"] or "U",
    }
    if not has_capability(user, C.VIEW_PATIENTS):
        return patient_for_referral(**who)
    existing = find_by_mrn(data["site"], data["mrn"])
    if existing is not None:
        return existing
    if not (data["given_name"] and data["family_name"] and data["birth_date"]):
        raise ValidationFailed(
            "No patient has this MRN at this site yet: give the patient's names and date of "
            "birth to register them."
        )
    return register_patient(**who)


@require(C.CREATE_REQUEST)
def request_new(request: HttpRequest) -> HttpResponse:
    """Intake: a request for a procedure, for a known or new patient."""
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                created = services.create_request(
                    by=request.user,
                    patient=_patient_for(form, request.user),
                    site=data["site"],
                    entry=data["catalogue_entry"],
                    indication=data["indication"],
                    icd10_codes=data["icd10_codes"],
                    priority=data["priority"],
                    referring_service=data["referring_service"],
                    due_date=data["due_date"],
                )
        except ServiceError as exc:
            service_error(request, exc, form)
        else:
            messages.success(request, f"Request {created.accession_number} recorded.")
            return redirect("cases:request", created.pk)
    return render(request, "cases/request_new.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> Request:
    found = get_object_or_404(visible_requests(request.user), pk=pk)
    note_patients([found.patient_id])  # the page shows the patient's record
    return found


@require(C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The request page: status and its history, and the actions the user may take."""
    item = _visible(request, pk)
    user = request.user
    can = {
        "vet": item.status == RequestStatus.REQUESTED and has_capability(user, C.VET_REQUEST),
        "schedule": item.status in {RequestStatus.VETTED, RequestStatus.SCHEDULED}
        and has_capability(user, C.SCHEDULE),
        "ready": item.status == RequestStatus.SCHEDULED
        and has_capability(user, C.RECORD_PROCEDURE, C.WORKUP),
        "override": has_capability(user, C.OVERRIDE_SAFETY),
        "start": item.status == RequestStatus.READY and has_capability(user, C.RECORD_PROCEDURE),
        "emergency_start": item.status == RequestStatus.READY
        and has_capability(user, C.RECORD_PROCEDURE)
        and has_capability(user, C.OVERRIDE_SAFETY),
        "cancel": item.status
        in {
            RequestStatus.REQUESTED,
            RequestStatus.VETTED,
            RequestStatus.SCHEDULED,
            RequestStatus.READY,
        }
        and has_capability(user, C.CREATE_REQUEST, C.VET_REQUEST),
    }
    procedure = getattr(item, "procedure", None) if hasattr(item, "procedure") else None
    return render(
        request,
        "cases/request_detail.html",
        {
            "item": item,
            "can": can,
            "procedure": procedure,
            "transitions": item.transitions.select_related("by"),
            "vet_form": VetOrderForm() if item.unmapped_code else VetForm(),
            "order_source": _order_source(item) if can["vet"] else None,
            "schedule_form": ScheduleForm(
                initial={"start": item.scheduled_start, "room": item.room}, site=item.site
            ),
            "reason_form": ReasonForm(),
            "panels": hooks.render_panels(hooks.REQUEST_PANELS, item, request),
            "identified": has_capability(user, C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS),
        },
    )


def _order_source(item: Request) -> str | None:
    """The system an order flagged "code not mapped" came from (it can learn the code)."""
    found = order_hooks.source_of(item) if item.unmapped_code else None
    return found[1] if found else None


@require_POST
@require(C.VET_REQUEST)
def request_vet(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject; an order whose code was not mapped is accepted with its entry."""
    item = _visible(request, pk)
    submit(
        request,
        VetOrderForm(request.POST) if item.unmapped_code else VetForm(request.POST),
        lambda data: vet_order(
            item,
            by=request.user,
            accept=data["decision"] == "accept",
            note=data["note"],
            entry=data.get("catalogue_entry"),
            map_code=bool(data.get("map_code")),
        ),
        success="Vetting recorded.",
    )
    return redirect("cases:request", pk)


@require_POST
@require(C.SCHEDULE)
def request_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    submit(
        request,
        ScheduleForm(request.POST, site=item.site),
        lambda data: services.schedule_request(
            item,
            room=data["room"],
            start=data["start"],
            by=request.user,
            duration_min=data["duration_min"],
        ),
        success="Booked.",
        invalid="Choose a room and a start time to book the request.",
    )
    return redirect("cases:request", pk)


TRANSITION_RIGHTS = {
    RequestStatus.READY: (C.RECORD_PROCEDURE, C.WORKUP),
    RequestStatus.CANCELLED: (C.CREATE_REQUEST, C.VET_REQUEST),
    RequestStatus.VETTED: (C.SCHEDULE,),
    RequestStatus.SCHEDULED: (C.RECORD_PROCEDURE, C.SCHEDULE),
}


@require_POST
@require(C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
def request_transition(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """Mark ready, cancel, or step back; each needs its own right."""
    item = _visible(request, pk)
    rights = (
        TRANSITION_RIGHTS.get(RequestStatus(status)) if status in RequestStatus.values else None
    )
    if rights is None or not has_capability(request.user, *rights):
        messages.error(request, "Your role cannot make that change.")
        return redirect("cases:request", pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    attempt(
        request,
        lambda: services.transition(item, status, by=request.user, reason=reason),
        f"Request is now {RequestStatus(status).label.lower()}.",
    )
    return redirect("cases:request", pk)


@require_POST
@require(C.RECORD_PROCEDURE)
def request_start(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    override = request.POST.get("override_reason", "")[:1000]
    procedure = attempt(
        request,
        lambda: services.start_procedure(item, by=request.user, override_reason=override),
        "Procedure started: record it here as it goes.",
    )
    if procedure is None:
        return redirect("cases:request", pk)
    return redirect("cases:procedure", procedure.pk)
