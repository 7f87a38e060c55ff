"""The home page: what each role needs first when they log in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from irsuite.cases.coding.queries import recently_signed
from irsuite.cases.models import CaseRole, Procedure, ProcedureStatus, Request, RequestStatus
from irsuite.cases.queries import visible_requests, worklist
from irsuite.people.access import has_capability, logged_in, staff_of
from irsuite.people.roles import Capability as C
from irsuite.reference.checks import unverified_reference
from irsuite.web.tasks.queries import filling_in


def _my_cases(request: HttpRequest) -> dict[str, Any]:
    me = staff_of(request.user)
    today = timezone.localdate()
    mine = worklist(today).filter(procedure__team__staff=me) if me else worklist(today).none()
    unsigned = (
        Procedure.objects.filter(
            status=ProcedureStatus.DRAFT,
            team__staff=me,
            team__role__in=[CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING],
        )
        .select_related("request__catalogue_entry", "request__patient", "room")
        .order_by("-day")[:20]
        if me
        else []
    )
    return {"my_cases": list(mine.distinct()[:30]), "unsigned": list(unsigned)}


def _sections(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    context: dict[str, Any] = {}
    today = timezone.localdate()
    if has_capability(user, C.VIEW_WORKLIST):
        context["today"] = list(worklist(today)[:40])
    if has_capability(user, C.VET_REQUEST):
        context["to_vet"] = list(
            Request.objects.filter(status=RequestStatus.REQUESTED)
            .select_related("patient", "catalogue_entry")
            .order_by("-priority", "requested_at")[:20]
        )
    if has_capability(user, C.SCHEDULE):
        context["to_schedule"] = list(
            Request.objects.filter(status=RequestStatus.VETTED)
            .select_related("patient", "catalogue_entry")
            .order_by("due_date", "requested_at")[:20]
        )
    if has_capability(user, C.RECORD_PROCEDURE):
        context.update(_my_cases(request))
    if has_capability(user, C.VIEW_OWN_REQUESTS):
        context["my_requests"] = list(visible_requests(user).order_by("-requested_at")[:30])
    if has_capability(user, C.VIEW_CODING):
        context["to_code"] = recently_signed(30)
    if has_capability(user, C.VIEW_DEIDENTIFIED):
        context["volumes"] = list(
            Procedure.objects.values("request__catalogue_entry__family")
            .annotate(n=Count("id"))
            .order_by("-n")
        )
    if has_capability(user, C.ADMINISTER) and settings.MODE == "production":
        context["unverified_reference"] = unverified_reference()  # as the start-up check lists
    return context


@logged_in
def home(request: HttpRequest) -> HttpResponse:
    """A home page per role: today's cases, work waiting for this person, their links."""
    return render(request, "web/home.html", {**_sections(request), "filling_in": filling_in()})
