"""Pages: sedation record (drugs, vital signs, Ramsay, the trend) and recovery (Aldrete,
discharge). A form that is refused comes back filled in, with what to change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.cases.models import Request
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.roles import Capability
from irsuite.safety.queries import visible_request
from irsuite.safety.reference import recovery_reference
from irsuite.safety.sedation import queries
from irsuite.safety.sedation import services as svc
from irsuite.safety.sedation.forms import AldreteForm, DrugForm, StartForm, VitalsForm
from irsuite.safety.sedation.models import CarePhase, SedationRecord

C = Capability


def _start_form(sedation: SedationRecord | None) -> StartForm:
    if sedation is None:
        return StartForm()
    started = timezone.localtime(sedation.started_at) if sedation.started_at else None
    return StartForm(
        initial={
            "kind": sedation.kind,
            "baseline_systolic": sedation.baseline_systolic,
            "started_at": started.time() if started else None,
        }
    )


def _page(http: HttpRequest, req: Request, **bound: Any) -> HttpResponse:
    """The page, with any form bound to what was posted (``drug_form=`` ...)."""
    sedation = SedationRecord.objects.filter(request=req).first()
    context: dict[str, Any] = {
        "req": req,
        "sedation": sedation,
        "start_form": _start_form(sedation),
        "drug_form": DrugForm(),
        "vitals_form": VitalsForm(initial={"phase": CarePhase.SEDATION}),
        "aldrete_form": AldreteForm(),
        "discharge_min": recovery_reference().aldrete.discharge_min_total,
        **bound,
    }
    if sedation is not None:
        rows = queries.vitals_rows(sedation)
        context.update(
            drugs=sedation.drugs.select_related("by"),
            rows=rows,
            panels=queries.trend_panels(rows),
            scores=sedation.aldrete.select_related("by"),
            decision=svc.discharge_status(sedation),
            procedure_end=svc.procedure_end(sedation),
            gaps={label: queries.monitoring_gaps(sedation, p) for p, label in CarePhase.choices},
        )
    return render(http, "safety/sedation.html", context)


@require(C.SEDATION)
def sedation_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """The sedation and recovery record of a request."""
    return _page(http, visible_request(http, request_id))


def _record(req: Request) -> SedationRecord:
    return get_object_or_404(SedationRecord, request=req)


def _refused(http: HttpRequest, req: Request, error: ServiceError, **bound: Any) -> HttpResponse:
    messages.error(http, error.message)
    return _page(http, req, **bound)


def _at(moment: Any) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


@require_POST
@require(C.SEDATION)
def sedation_start(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    form = StartForm(http.POST)
    if not form.is_valid():
        return _page(http, req, start_form=form)
    existed = SedationRecord.objects.filter(request=req).exists()
    try:
        svc.sedation_record(
            req,
            by=http.user,
            kind=form.cleaned_data["kind"],
            baseline_systolic=form.cleaned_data["baseline_systolic"],
            started_at=form.moment("started_at"),
        )
    except ServiceError as error:
        return _refused(http, req, error, start_form=form)
    messages.success(http, "Sedation record saved." if existed else "Sedation record started.")
    return redirect("safety:sedation", req.pk)


@require_POST
@require(C.SEDATION)
def sedation_drug(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    form = DrugForm(http.POST)
    if not form.is_valid():
        return _page(http, req, drug_form=form)
    data = form.cleaned_data
    try:
        given = svc.give_drug(
            record,
            drug=data["drug"],
            dose=str(data["dose"]),
            unit=data["unit"],
            route=data["route"],
            at=form.moment(),
            # only the button under the warnings sends it: the warnings shown, acknowledged
            acknowledged=http.POST.get("acknowledged", ""),
            by=http.user,
        )
    except svc.DoseNeedsAcknowledgement as check:
        return _page(
            http,
            req,
            drug_form=form,
            dose_warnings=check.detail["warnings"],
            dose_fingerprint=check.detail["fingerprint"],
        )
    except ServiceError as error:
        return _refused(http, req, error, drug_form=form)
    note = " Its dose warning is acknowledged in the record." if given.dose_warning else ""
    messages.success(
        http,
        f"{given.label} {given.dose.normalize():f} {given.get_unit_display()} "
        f"{given.get_route_display().lower()} recorded at {_at(given.at)}.{note}",
    )
    return redirect("safety:sedation", req.pk)


@require_POST
@require(C.SEDATION)
def sedation_vitals(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    form = VitalsForm(http.POST)
    if not form.is_valid():
        return _page(http, req, vitals_form=form)
    try:
        vitals = svc.record_vitals(
            record,
            phase=form.cleaned_data["phase"],
            values=form.values(),
            at=form.moment(),
            by=http.user,
        )
    except ServiceError as error:
        return _refused(http, req, error, vitals_form=form)
    flags = svc.vital_flags(record, vitals)
    done = f"Vital signs recorded at {_at(vitals.at)}."
    if flags:
        messages.warning(http, " ".join([done, "Needs attention:", *(f.message for f in flags)]))
    else:
        messages.success(http, done)
    return redirect("safety:sedation", req.pk)


@require_POST
@require(C.SEDATION)
def sedation_aldrete(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    form = AldreteForm(http.POST)
    if not form.is_valid():
        return _page(http, req, aldrete_form=form)
    try:
        score = svc.score_aldrete(record, scores=form.scores(), at=form.moment(), by=http.user)
    except ServiceError as error:
        return _refused(http, req, error, aldrete_form=form)
    messages.success(http, f"Aldrete score {score.total} recorded at {_at(score.at)}.")
    return redirect("safety:sedation", req.pk)


@require_POST
@require(C.SEDATION)
def sedation_discharge(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    try:
        done = svc.discharge(record, by=http.user)
    except ServiceError as error:
        messages.error(http, "Not discharged. " + error.message)
    else:
        assert done.discharged_at is not None
        messages.success(http, f"Discharged from recovery at {_at(done.discharged_at)}.")
    return redirect("safety:sedation", req.pk)
