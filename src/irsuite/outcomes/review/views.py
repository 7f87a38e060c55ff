"""M&M and peer review pages: visible only to peer reviewers (attendings, quality leads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.bounds import bounded_int, query_day, query_int
from irsuite.cases.models import Procedure
from irsuite.errors import ServiceError
from irsuite.outcomes.adverse_events.models import AeCategory
from irsuite.outcomes.review import queries
from irsuite.outcomes.review import services as rs
from irsuite.outcomes.review.forms import ConcludeForm, ConferenceForm, ScoreForm
from irsuite.outcomes.review.models import FLAG_REASON_CHOICES, Conference, ReviewCase
from irsuite.outcomes.review.queries import ReviewFilters, ReviewState
from irsuite.paging import paged, query_choice
from irsuite.people.access import require
from irsuite.people.models import Staff
from irsuite.people.roles import OPERATOR_ROLES, Capability

CASES_PER_PAGE = 50
AWAITING_PAGE = "page"
CONCLUDED_PAGE = "concluded_page"  # the concluded list pages on its own


def filters_from(request: HttpRequest) -> ReviewFilters:
    """The M&M page's filters from the address (values that are not valid are ignored)."""
    state = query_choice(request, "status", ReviewState.values)
    return ReviewFilters(
        state=ReviewState(state) if state else ReviewState.BOTH,
        conference=query_int(request, "conference"),
        reason=query_choice(request, "reason", [value for value, _ in FLAG_REASON_CHOICES]),
        category=query_choice(request, "category", AeCategory.values),
        major=request.GET.get("major") == "1",
        operator=query_int(request, "operator"),
        date_from=query_day(request, "from"),
        date_to=query_day(request, "to"),
    )


def _lists(request: HttpRequest, filters: ReviewFilters) -> dict[str, Any]:
    show_awaiting = filters.state != ReviewState.CONCLUDED
    show_concluded = filters.state != ReviewState.AWAITING
    return {
        "open_cases": paged(request, queries.awaiting(filters), CASES_PER_PAGE, AWAITING_PAGE)
        if show_awaiting
        else None,
        "closed": paged(request, queries.concluded(filters), CASES_PER_PAGE, CONCLUDED_PAGE)
        if show_concluded
        else None,
    }


@require(Capability.PEER_REVIEW)
def mm(request: HttpRequest) -> HttpResponse:
    """The review queue and the concluded reviews, filtered and a page at a time, and the
    conferences."""
    filters = filters_from(request)
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rs.create_conference(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Conference created.")
            return redirect("outcomes:mm")
    return render(
        request,
        "outcomes/mm.html",
        {
            **_lists(request, filters),
            "filters": filters,
            "states": ReviewState.choices,
            "reasons": FLAG_REASON_CHOICES,
            "categories": AeCategory.choices,
            "operators": Staff.objects.filter(role__in=OPERATOR_ROLES).order_by("family_name"),
            "form": form,
            "conferences": Conference.objects.all()[:50],
        },
    )


@require(Capability.PEER_REVIEW)
def mm_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """One flagged case: reasons, events, scores, conclusion."""
    case = get_object_or_404(
        ReviewCase.objects.select_related("procedure__request__catalogue_entry", "conference"),
        pk=case_id,
    )
    conclude = ConcludeForm(
        request.POST if "outcome" in request.POST else None,
        initial={"outcome": case.outcome, "learning_points": case.learning_points},
    )
    score = ScoreForm(request.POST if "score" in request.POST else None)
    try:
        if conclude.is_bound and conclude.is_valid():
            rs.conclude_review(case, by=request.user, **conclude.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, "Review concluded.")
            return redirect("outcomes:mm_case", case.pk)
        if score.is_bound and score.is_valid():
            rs.score_case(case, by=request.user, **score.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, "Score recorded.")
            return redirect("outcomes:mm_case", case.pk)
        if "conference" in request.POST:
            value = request.POST["conference"]
            pk = bounded_int(value)
            conference = Conference.objects.filter(pk=pk).first() if pk else None
            rs.assign_to_conference(case, conference, by=request.user)  # type: ignore[arg-type]
            return redirect("outcomes:mm_case", case.pk)
    except ServiceError as error:
        messages.error(request, error.message)
    return render(
        request,
        "outcomes/mm_case.html",
        {
            "case": case,
            "conclude": conclude,
            "score": score,
            "events": case.procedure.adverse_events.prefetch_related("gradings"),
            "reviews": case.peer_reviews.select_related("reviewer"),
            "team": case.procedure.team.select_related("staff"),
            "conferences": Conference.objects.all()[:50],
        },
    )


@require_POST
@require(Capability.RECORD_OUTCOME, Capability.PEER_REVIEW)
def flag(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """Flag a case for review by hand."""
    procedure = get_object_or_404(Procedure, pk=procedure_id)
    try:
        rs.flag_manually(procedure, note=request.POST.get("note", ""), by=request.user)  # type: ignore[arg-type]
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The case is on the review list.")
    return redirect("outcomes:procedure_outcomes", procedure.pk)
