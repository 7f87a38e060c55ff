"""Pages: sedation record (drugs, vital signs, Ramsay) and recovery (Aldrete, discharge)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.cases.models import Request
from irsuite.domain.recovery import AldreteItem, SedationKind
from irsuite.domain.report_template import SEDATION_WORDS
from irsuite.people.access import require
from irsuite.people.roles import Capability
from irsuite.safety.pages import run_service
from irsuite.safety.queries import visible_request
from irsuite.safety.reference import VITAL_SIGNS, recovery_reference
from irsuite.safety.sedation import services as svc
from irsuite.safety.sedation.models import CarePhase, DoseUnit, SedationRecord

C = Capability
VITAL_FIELDS = [*VITAL_SIGNS, "ramsay"]


@require(C.SEDATION)
def sedation_page(http: HttpRequest, request_id: int) -> HttpResponse:
    """The sedation and recovery record of a request."""
    req = visible_request(http, request_id)
    sedation = SedationRecord.objects.filter(request=req).first()
    reference = recovery_reference()
    aldrete_items = [
        {
            "id": item.value,
            "label": reference.aldrete.labels[item],
            "levels": list(enumerate(reference.aldrete.levels[item])),
        }
        for item in AldreteItem
    ]
    context: dict[str, Any] = {
        "req": req,
        "sedation": sedation,
        "kinds": [(k.value, SEDATION_WORDS[k]) for k in SedationKind],
        "current_kind": sedation.kind if sedation else SedationKind.MODERATE.value,
        "units": DoseUnit.choices,
        "phases": CarePhase.choices,
        "ramsay": sorted((int(k), v) for k, v in reference.ramsay.items()),
        "aldrete_items": aldrete_items,
        "discharge_min": reference.aldrete.discharge_min_total,
    }
    if sedation is not None:
        context.update(
            {
                "drugs": sedation.drugs.select_related("by"),
                "vitals": sedation.vitals.select_related("by"),
                "scores": sedation.aldrete.select_related("by"),
                "decision": svc.discharge_status(sedation),
                "gaps": {p: svc.monitoring_gaps(sedation, p) for p in CarePhase.values},
            }
        )
    return render(http, "safety/sedation.html", context)


def _do(http: HttpRequest, req: Request, action: Callable[[], object]) -> HttpResponse:
    run_service(http, action)
    return redirect("safety:sedation", req.pk)


def _record(req: Request) -> SedationRecord:
    return get_object_or_404(SedationRecord, request=req)


@require_POST
@require(C.SEDATION)
def sedation_start(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    baseline = http.POST.get("baseline_systolic", "")
    return _do(
        http,
        req,
        lambda: svc.sedation_record(
            req,
            by=http.user,
            kind=http.POST.get("kind") or None,
            baseline_systolic=int(baseline) if baseline.isdigit() else None,
        ),
    )


@require_POST
@require(C.SEDATION)
def sedation_drug(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    return _do(
        http,
        req,
        lambda: svc.give_drug(
            record,
            drug=http.POST.get("drug", ""),
            dose=http.POST.get("dose", ""),
            unit=http.POST.get("unit", ""),
            route=http.POST.get("route", "IV"),
            by=http.user,
        ),
    )


@require_POST
@require(C.SEDATION)
def sedation_vitals(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    values: dict[str, object] = {name: http.POST.get(name, "") for name in VITAL_FIELDS}
    values["on_oxygen"] = http.POST.get("on_oxygen") == "on"
    return _do(
        http,
        req,
        lambda: svc.record_vitals(
            record, phase=http.POST.get("phase", ""), values=values, by=http.user
        ),
    )


@require_POST
@require(C.SEDATION)
def sedation_aldrete(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    scores = {item.value: http.POST[item.value] for item in AldreteItem if item.value in http.POST}
    return _do(http, req, lambda: svc.score_aldrete(record, scores=scores, by=http.user))


@require_POST
@require(C.SEDATION)
def sedation_discharge(http: HttpRequest, request_id: int) -> HttpResponse:
    req = visible_request(http, request_id)
    record = _record(req)
    return _do(http, req, lambda: svc.discharge(record, by=http.user))
