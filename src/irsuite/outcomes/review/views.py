"""M&M and peer review pages: visible only to peer reviewers (attendings, quality leads)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.bounds import bounded_int
from irsuite.cases.models import Procedure
from irsuite.errors import ServiceError
from irsuite.outcomes.review import services as rs
from irsuite.outcomes.review.forms import ConcludeForm, ConferenceForm, ScoreForm
from irsuite.outcomes.review.models import Conference, ReviewCase
from irsuite.people.access import require
from irsuite.people.roles import Capability


@require(Capability.PEER_REVIEW)
def mm(request: HttpRequest) -> HttpResponse:
    """Flagged cases (open first) and conference lists."""
    conference_id = bounded_int(request.GET.get("conference", ""))
    cases = ReviewCase.objects.select_related(
        "procedure__request__catalogue_entry", "conference"
    ).order_by("-concluded_at", "-flagged_at")
    if conference_id is not None:
        cases = cases.filter(conference_id=conference_id)
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rs.create_conference(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Conference created.")
            return redirect("outcomes:mm")
    open_cases = cases.filter(outcome="").order_by("-flagged_at")
    closed = cases.exclude(outcome="").order_by("-concluded_at")[:100]
    return render(
        request,
        "outcomes/mm.html",
        {
            "open_cases": open_cases[:200],
            "open_count": open_cases.count(),
            "closed": closed,
            "form": form,
            "conferences": Conference.objects.all()[:50],
            "conference_id": "" if conference_id is None else str(conference_id),
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
