"""Patient search and the patient page with its timeline (every view is audited)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from irsuite.cases import hooks
from irsuite.cases.models import Procedure, Request
from irsuite.patients.models import Patient
from irsuite.patients.services import record_chart_view
from irsuite.people.access import require
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


def timeline(patient: Patient) -> list[dict[str, object]]:
    """Requests and procedures, newest first."""
    events: list[dict[str, object]] = []
    for req in Request.objects.filter(patient=patient).select_related("catalogue_entry"):
        events.append({"at": req.requested_at, "kind": "request", "obj": req})
    for proc in Procedure.objects.filter(request__patient=patient).select_related(
        "request__catalogue_entry", "room"
    ):
        if proc.start_at or proc.in_room_at:
            events.append(
                {"at": proc.start_at or proc.in_room_at, "kind": "procedure", "obj": proc}
            )
    return sorted(events, key=lambda e: e["at"], reverse=True)  # type: ignore[arg-type,return-value]


@require(C.VIEW_PATIENTS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.prefetch_related("identifiers__site"), pk=pk)
    record_chart_view(request.user, patient)
    return render(
        request,
        "patients/detail.html",
        {
            "patient": patient,
            "timeline": timeline(patient),
            "panels": hooks.render_panels(hooks.PATIENT_PANELS, patient, request),
        },
    )
