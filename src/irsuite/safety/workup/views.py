"""Pages: the work-up of a request with its bleeding-risk plan, to read and sign."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.cases.models import Priority, Request
from irsuite.domain.bleeding.premedication import schedule
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability
from irsuite.safety.pages import run_service
from irsuite.safety.queries import visible_request
from irsuite.safety.workup import services as svc
from irsuite.safety.workup.forms import (
    AssessmentForm,
    LabForm,
    MedicationForm,
    OverrideForm,
    patient_initial,
)
from irsuite.safety.workup.models import WorkUp, WorkUpLab, WorkUpMedication
from irsuite.safety.workup.plan import current_plan
from irsuite.safety.workup.reference import premedication

C = Capability
_CONTRAST_GUIDANCE = {"fluoroscopy", "ct", "cbct"}


# The catalogue entry's consent, follow-up, quality and CPT lists are JSON the work-up does
# not show; leaving them unread keeps the page fast.
_UNUSED_ENTRY_FIELDS = tuple(
    f"catalogue_entry__{name}"
    for name in ("consent", "follow_up", "quality", "cpt", "discharge_instructions")
)


def _request(http: HttpRequest, request_id: int) -> Request:
    return visible_request(http, request_id, *_UNUSED_ENTRY_FIELDS)


def _workup(req: Request) -> WorkUp | None:
    workups = (
        WorkUp.objects.select_related("signed_by", "override_by")
        .prefetch_related(
            Prefetch("labs", queryset=WorkUpLab.objects.order_by("kind", "-taken_at")),
            Prefetch("medications", queryset=WorkUpMedication.objects.order_by("id")),
        )
        .filter(request=req)
    )
    found = next(iter(workups), None)  # unordered: at most one work-up per request
    if found is not None:
        found.request = req  # already loaded with its patient and catalogue entry
    return found


def _premedication(req: Request, workup: WorkUp) -> dict[str, Any] | None:
    if not req.patient.contrast_allergy or req.scheduled_start is None:
        return None
    if not _CONTRAST_GUIDANCE & set(req.catalogue_entry.guidance):
        return None
    premed = premedication()
    urgent = req.priority in (Priority.URGENT, Priority.EMERGENT)
    regimen = premed.urgent if urgent else premed.routine
    return {
        "regimen": regimen,
        "doses": schedule(regimen, req.scheduled_start),
        "applies_when": premed.applies_when,
        "provenance": premed.provenance,
    }


def _context(http: HttpRequest, req: Request, workup: WorkUp | None) -> dict[str, Any]:
    context: dict[str, Any] = {"req": req, "workup": workup, "patient": req.patient}
    if workup is None:
        return context
    outcome = current_plan(workup, timezone.now())
    context.update(
        outcome=outcome,
        gate_problems=svc.gate_problems(workup, timezone.now(), outcome),
        labs=list(workup.labs.all()),
        premed=_premedication(req, workup),
        can_override=has_capability(http.user, C.OVERRIDE_SAFETY),
    )
    return context


@require(C.WORKUP)
def workup_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """The work-up and its plan."""
    req = _request(http, request_id)
    return render(http, "safety/workup.html", _context(http, req, _workup(req)))


@require(C.WORKUP)
def workup_edit_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """The forms that change the work-up (kept apart from the page that is read and signed)."""
    req = _request(http, request_id)
    workup = _workup(req)
    if workup is None:
        return _read(req)
    context = {
        "req": req,
        "workup": workup,
        "patient": req.patient,
        "labs": list(workup.labs.all()),
        "assessment": AssessmentForm(instance=workup, initial=patient_initial(req.patient)),
        "lab_form": LabForm(),
        "medication_form": MedicationForm(),
    }
    return render(http, "safety/workup_edit.html", context)


def _done(http: HttpRequest, req: Request) -> HttpResponse:
    return redirect("safety:workup-edit", request_id=req.pk)


def _read(req: Request) -> HttpResponse:
    return redirect("safety:workup", request_id=req.pk)


def _submit(
    http: HttpRequest,
    request_id: int,
    bind: Callable[[WorkUp], BaseForm],
    use: Callable[[WorkUp, dict[str, Any]], object],
    ok: str,
) -> HttpResponse:
    """The steps of every work-up form: find the work-up, check the posted form, give its data
    to the service (``use``), show what went wrong, go back to the forms."""
    req = _request(http, request_id)
    workup = get_object_or_404(WorkUp, request=req)
    form = bind(workup)
    if form.is_valid():
        data = form.cleaned_data
        run_service(http, lambda: use(workup, data), ok)
    else:
        for field, errors in form.errors.items():
            messages.error(http, f"{field}: {' '.join(str(e) for e in errors)}")
    return _done(http, req)


@require_POST
@require(C.WORKUP)
def start(http: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(http, request_id)
    run_service(http, lambda: svc.start_workup(req, by=http.user), "Work-up started.")
    return _done(http, req)


@require_POST
@require(C.WORKUP)
def assessment(http: HttpRequest, request_id: int) -> HttpResponse:
    def bind(workup: WorkUp) -> BaseForm:
        # A copy, so a refused form leaves the work-up the service is given unchanged.
        return AssessmentForm(http.POST, instance=WorkUp.objects.get(pk=workup.pk))

    def use(workup: WorkUp, data: dict[str, Any]) -> object:
        return svc.update_workup(workup, dict(data), by=http.user)

    return _submit(http, request_id, bind, use, "Work-up saved.")


@require_POST
@require(C.WORKUP)
def add_lab(http: HttpRequest, request_id: int) -> HttpResponse:
    def use(workup: WorkUp, data: dict[str, Any]) -> object:
        return svc.record_lab(workup, data["kind"], data["value"], data["taken_at"], by=http.user)

    return _submit(http, request_id, lambda _: LabForm(http.POST), use, "Result recorded.")


@require_POST
@require(C.WORKUP)
def add_medication(http: HttpRequest, request_id: int) -> HttpResponse:
    def use(workup: WorkUp, data: dict[str, Any]) -> object:
        return svc.add_medication(
            workup,
            data["drug"],
            dose=data["dose"],
            last_dose_at=data["last_dose_at"],
            by=http.user,
        )

    return _submit(http, request_id, lambda _: MedicationForm(http.POST), use, "Medication added.")


@require_POST
@require(C.WORKUP)
def remove_medication(http: HttpRequest, request_id: int, medication_id: int) -> HttpResponse:
    req = _request(http, request_id)
    med = get_object_or_404(WorkUpMedication, pk=medication_id, workup__request=req)
    run_service(http, lambda: svc.remove_medication(med, by=http.user), "Medication removed.")
    return _done(http, req)


@require_POST
@require(C.WORKUP)
def sign(http: HttpRequest, request_id: int) -> HttpResponse:
    req = _request(http, request_id)
    workup = get_object_or_404(WorkUp, request=req)
    run_service(http, lambda: svc.sign_workup(workup, by=http.user), "Plan signed.")
    return _read(req)


@require_POST
@require(C.OVERRIDE_SAFETY)
def override(http: HttpRequest, request_id: int) -> HttpResponse:
    def use(workup: WorkUp, data: dict[str, Any]) -> object:
        return svc.override_gate(workup, data["reason"], by=http.user)

    return _submit(
        http,
        request_id,
        lambda _: OverrideForm(http.POST),
        use,
        "Override recorded: the request may become ready.",
    )
