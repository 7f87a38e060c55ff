"""Pages: sedation record (drugs, vital signs, Ramsay, the trend) and recovery (Aldrete,
discharge). A form that is refused comes back filled in, with what to change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from csp.decorators import csp_replace
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from irsuite.cases.models import Request
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.roles import Capability
from irsuite.safety.queries import visible_request
from irsuite.safety.reference import recovery_reference
from irsuite.safety.sedation import queries
from irsuite.safety.sedation import services as svc
from irsuite.safety.sedation.forms import (
    AldreteForm,
    ChartedForm,
    DrugForm,
    StartForm,
    VitalsForm,
)
from irsuite.safety.sedation.models import CarePhase, SedationRecord

C = Capability
View = TypeVar("View", bound=Callable[..., HttpResponse])
_SELF_STYLES_ONLY = csp_replace({"style-src": ["'self'"]})


def strict_styles(view: View) -> View:
    """The page and every view that renders it take their styles from stylesheets only
    (safety.css, sedation.css): no inline style is allowed, whatever the site-wide policy."""
    # django-csp types its decorators for views of one argument; ours take the request id too.
    return cast(View, _SELF_STYLES_ONLY(cast(Any, view)))


# What a use case says once done: a message level and the message.
Said = tuple[int, str]


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
@strict_styles
def sedation_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """The sedation and recovery record of a request."""
    return _page(http, visible_request(http, request_id))


def _record(req: Request) -> SedationRecord:
    return get_object_or_404(SedationRecord, request=req)


def _refused(http: HttpRequest, req: Request, error: ServiceError, **bound: Any) -> HttpResponse:
    messages.error(http, error.message)
    return _page(http, req, **bound)


def _at(moment: Any) -> str:
    return formats.time_format(timezone.localtime(moment))


# The name under which the page shows each form (bound to what was posted when it comes back).
BOUND_AS: dict[type[ChartedForm], str] = {
    StartForm: "start_form",
    DrugForm: "drug_form",
    VitalsForm: "vitals_form",
    AldreteForm: "aldrete_form",
}


def _submit(
    http: HttpRequest,
    request_id: int,
    form_class: type[ChartedForm],
    act: Callable[[HttpRequest, Request, SedationRecord | None, Any], Said],
    *,
    on_record: bool = True,
) -> HttpResponse:
    """Post one of the page's forms: an invalid form, a refusal or a dose to acknowledge comes
    back on the page with the form filled in; a done use case says so and returns to the page.
    `on_record`: the form adds to the sedation record, which must exist (404 otherwise)."""
    req = visible_request(http, request_id)
    record = _record(req) if on_record else None
    form = form_class(http.POST)
    bound = {BOUND_AS[form_class]: form}
    if not form.is_valid():
        return _page(http, req, **bound)
    try:
        level, said = act(http, req, record, form)
    except svc.DoseNeedsAcknowledgement as check:
        warnings = {"dose_warnings": check.detail["warnings"]}
        return _page(http, req, **bound, **warnings, dose_fingerprint=check.detail["fingerprint"])
    except ServiceError as error:
        return _refused(http, req, error, **bound)
    messages.add_message(http, level, said)
    return redirect("safety:sedation", req.pk)


def _start(http: HttpRequest, req: Request, record: SedationRecord | None, form: Any) -> Said:
    existed = SedationRecord.objects.filter(request=req).exists()
    svc.sedation_record(
        req,
        by=http.user,
        kind=form.cleaned_data["kind"],
        baseline_systolic=form.cleaned_data["baseline_systolic"],
        started_at=form.moment("started_at"),
    )
    return messages.SUCCESS, "Sedation record saved." if existed else "Sedation record started."


def _give(http: HttpRequest, req: Request, record: SedationRecord | None, form: Any) -> Said:
    assert record is not None
    data = form.cleaned_data
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
    note = " Its dose warning is acknowledged in the record." if given.dose_warning else ""
    return messages.SUCCESS, (
        f"{given.label} {given.dose.normalize():f} {given.get_unit_display()} "
        f"{given.get_route_display().lower()} recorded at {_at(given.at)}.{note}"
    )


def _chart(http: HttpRequest, req: Request, record: SedationRecord | None, form: Any) -> Said:
    assert record is not None
    vitals = svc.record_vitals(
        record,
        phase=form.cleaned_data["phase"],
        values=form.values(),
        at=form.moment(),
        by=http.user,
    )
    flags = svc.vital_flags(record, vitals)
    done = f"Vital signs recorded at {_at(vitals.at)}."
    if flags:
        return messages.WARNING, " ".join([done, "Needs attention:", *(f.message for f in flags)])
    return messages.SUCCESS, done


def _score(http: HttpRequest, req: Request, record: SedationRecord | None, form: Any) -> Said:
    assert record is not None
    score = svc.score_aldrete(record, scores=form.scores(), at=form.moment(), by=http.user)
    return messages.SUCCESS, f"Aldrete score {score.total} recorded at {_at(score.at)}."


@require_POST
@require(C.SEDATION)
@strict_styles
def sedation_start(http: HttpRequest, request_id: int) -> HttpResponse:
    return _submit(http, request_id, StartForm, _start, on_record=False)


@require_POST
@require(C.SEDATION)
@strict_styles
def sedation_drug(http: HttpRequest, request_id: int) -> HttpResponse:
    return _submit(http, request_id, DrugForm, _give)


@require_POST
@require(C.SEDATION)
@strict_styles
def sedation_vitals(http: HttpRequest, request_id: int) -> HttpResponse:
    return _submit(http, request_id, VitalsForm, _chart)


@require_POST
@require(C.SEDATION)
@strict_styles
def sedation_aldrete(http: HttpRequest, request_id: int) -> HttpResponse:
    return _submit(http, request_id, AldreteForm, _score)


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
