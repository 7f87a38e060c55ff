"""Patient search and the patient page; other areas add its panels (every view is audited)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from irsuite.errors import NotFound
from irsuite.panels import render_panels
from irsuite.patients.facts.banner import allergy_words
from irsuite.patients.hooks import PATIENT_PANELS
from irsuite.patients.models import Patient
from irsuite.patients.services import record_chart_view
from irsuite.people.access import has_capability, require
from irsuite.people.policy import get_for
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


# Who opens a chart: the IR team, and a referrer for the patients they referred (the policy's
# patient scope keeps them to those).
CHART_READERS = (C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS)


@require(*CHART_READERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        patient = get_for(
            request.user,
            CHART_READERS,
            Patient.objects.prefetch_related("identifiers__site"),
            pk,
        )
    except NotFound as missing:
        raise Http404(missing.message) from None
    record_chart_view(request.user, patient)
    return render(
        request,
        "patients/detail.html",
        {
            "patient": patient,
            "panels": render_panels(PATIENT_PANELS, patient, request),
            "may_audit": has_capability(request.user, C.VIEW_AUDIT),
            "allergies": allergy_words(patient),
        },
    )
