"""Patient search and the patient page; other areas add its panels (every view is audited)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from irsuite.panels import render_panels
from irsuite.patients.hooks import PATIENT_PANELS
from irsuite.patients.models import Patient
from irsuite.patients.services import record_chart_view
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability as C


@require(C.VIEW_PATIENTS)
def search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()
    results: list[Patient] = []
    if query:
        results = list(
            Patient.objects.filter(
                Q(identifiers__value__iexact=query)
                | Q(family_name__istartswith=query)
                | Q(enterprise_id__iexact=query)
            )
            .distinct()
            .prefetch_related("identifiers__site")
            .order_by("family_name")[:50]
        )
    return render(request, "patients/search.html", {"q": query, "results": results})


@require(C.VIEW_PATIENTS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.prefetch_related("identifiers__site"), pk=pk)
    record_chart_view(request.user, patient)
    return render(
        request,
        "patients/detail.html",
        {
            "patient": patient,
            "panels": render_panels(PATIENT_PANELS, patient, request),
            "may_audit": has_capability(request.user, C.VIEW_AUDIT),
        },
    )
