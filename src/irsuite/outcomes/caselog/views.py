"""Trainee case logs: progress against minimums, cases, CSV, attestation by the supervisor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.bounds import bounded_int, query_day, query_int
from irsuite.cases.models import CatalogueEntry, ProcedureStatus, TeamMember
from irsuite.cases.procedures.models import TRAINEE_CASE_ROLES
from irsuite.domain.quality.caselog import TraineeRole
from irsuite.errors import ServiceError
from irsuite.outcomes.caselog import queries as q
from irsuite.outcomes.caselog.services import attest_case
from irsuite.outcomes.pages import csv_response, int_param
from irsuite.paging import Paged, paged, query_choice
from irsuite.people.access import has_capability, require, staff_of
from irsuite.people.models import Staff
from irsuite.people.policy import NOT_FOUND
from irsuite.people.roles import TRAINEE_ROLES, Capability, StaffRole

PAGE_SIZE = 50
AWAITING_PAGE_PARAM = "awaiting_page"


def _trainee(request: HttpRequest) -> Staff | None:
    chosen = int_param(request, "trainee")
    if chosen:
        return get_object_or_404(Staff, pk=chosen)
    me = staff_of(request.user)
    return me if me is not None and me.role in TRAINEE_ROLES | {StaffRole.APP} else None


def _ensure_can_view(request: HttpRequest, trainee: Staff) -> None:
    """A log the user may not see is answered as one that does not exist."""
    if not q.may_view(request.user, trainee):
        raise Http404(NOT_FOUND)


def _awaiting(request: HttpRequest, attending: Staff) -> Paged[TeamMember]:
    """The trainees' cases this attending supervised and has not attested yet, a page at a
    time by their own page number (the case list below pages by `page`)."""
    supervised = TeamMember.objects.filter(staff=attending, role__in=q.SUPERVISOR_ROLES).values(
        "procedure_id"
    )
    rows = (
        TeamMember.objects.filter(
            procedure_id__in=supervised,
            role__in=TRAINEE_CASE_ROLES,
            attestation=None,
            procedure__status=ProcedureStatus.SIGNED,
        )
        .select_related("staff", "procedure__request__catalogue_entry")
        .prefetch_related("procedure__entries")
        .order_by("-procedure__day", "pk")
    )
    return paged(request, rows, PAGE_SIZE, param=AWAITING_PAGE_PARAM)


def filters_from(request: HttpRequest) -> q.CaseFilters:
    """The case list's filters from the address; a value that is not valid is ignored, and the
    page says so."""
    role = query_choice(request, "role", [r.value for r in TraineeRole])
    return q.CaseFilters(
        date_from=query_day(request, "from"),
        date_to=query_day(request, "to"),
        entry=query_int(request, "procedure"),
        role=TraineeRole(role) if role else None,
    )


def _log_context(request: HttpRequest, trainee: Staff) -> dict[str, Any]:
    log = q.case_log(trainee)
    filters = filters_from(request)
    page = paged(request, q.case_members(trainee, filters), PAGE_SIZE)
    return {
        "log": log,
        "page": page,
        "rows": q.case_rows(page.rows),
        "count_rows": sorted((f.value, r.value, n) for (f, r), n in log.counts.items()),
        "filters": filters,
        "roles": [role.value for role in TraineeRole],
        "entries": CatalogueEntry.objects.order_by("name").only("pk", "name"),
    }


@require(Capability.VIEW_CASELOG, Capability.ATTEST_CASE)
def caselog(request: HttpRequest) -> HttpResponse:
    """A trainee's log (your own, or any trainee's for attendings): progress against the
    minimums, and the cases filtered by date, procedure and role, a page at a time."""
    trainee = _trainee(request)
    can_attest = has_capability(request.user, Capability.ATTEST_CASE)
    context: dict[str, Any] = {
        "trainee": trainee,
        "trainees": Staff.objects.filter(role__in=TRAINEE_ROLES) if can_attest else [],
    }
    attending = staff_of(request.user) if can_attest else None
    if attending is not None:
        context["awaiting"] = _awaiting(request, attending)
    if trainee is not None:
        _ensure_can_view(request, trainee)
        context.update(_log_context(request, trainee))
    return render(request, "outcomes/caselog.html", context)


@require(Capability.VIEW_CASELOG, Capability.ATTEST_CASE)
def caselog_csv(request: HttpRequest, trainee_id: int) -> HttpResponse:
    """One row per case: date, procedure, CPT codes, role, supervisor."""
    trainee = get_object_or_404(Staff, pk=trainee_id)
    _ensure_can_view(request, trainee)
    record(request.user, AuditAction.EXPORT, trainee, summary="case log exported")
    members = q.members_of(trainee)
    rows = (r for i in range(0, len(members), 500) for r in q.case_rows(members[i : i + 500]))
    return csv_response(
        f"caselog-{trainee.pk}.csv",
        ["date", "procedure", "cpt_codes", "role", "supervisor", "attested"],
        (
            [
                r["day"],
                r["procedure_name"],
                " ".join(r["cpt_codes"]),
                r["role"],
                r["supervisor"],
                "yes" if r["attested"] else "no",
            ]
            for r in rows
        ),
    )


@require_POST
@require(Capability.ATTEST_CASE)
def attest(request: HttpRequest, member_id: int) -> HttpResponse:
    """The supervising attending attests one trainee case."""
    member = get_object_or_404(
        TeamMember.objects.select_related("procedure__request"), pk=member_id
    )
    try:
        attest_case(member, by=request.user)  # type: ignore[arg-type]
    except ServiceError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(
                f'<span class="error">{error.message}</span>', status=error.status_code
            )
        messages.error(request, error.message)
    else:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse('<span class="ok">attested</span>')
        messages.success(request, "Case attested.")
    return redirect("outcomes:caselog")


@require_POST
@require(Capability.ATTEST_CASE)
def attest_many(request: HttpRequest) -> HttpResponse:
    """The supervising attending attests the ticked trainee cases at once; each is checked on
    its own, and what could not be attested says why."""
    ids = [pk for v in request.POST.getlist("member") if (pk := bounded_int(v)) is not None]
    members = TeamMember.objects.select_related("procedure__request").filter(pk__in=ids)
    done, refused = 0, []
    for member in members:
        try:
            attest_case(member, by=request.user)  # type: ignore[arg-type]
        except ServiceError as error:
            refused.append(error.message)
        else:
            done += 1
    if done:
        messages.success(request, f"{done} case{'s' if done != 1 else ''} attested.")
    for message in dict.fromkeys(refused):
        messages.error(request, message)
    if not ids:
        messages.error(request, "Tick the cases to attest first.")
    return redirect("outcomes:caselog")
