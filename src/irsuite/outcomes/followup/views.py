"""Follow-up clinic pages: due list per clinician, booking and recording visits."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irsuite.errors import ServiceError
from irsuite.outcomes.followup.forms import BookForm, FindingsForm
from irsuite.outcomes.followup.models import FollowUpTask, FollowUpVisit, VisitStatus
from irsuite.outcomes.followup.queries import due_tasks, is_overdue
from irsuite.outcomes.followup.services import VisitFindings, book_visit, record_visit
from irsuite.outcomes.pages import int_param
from irsuite.people.access import require, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import OPERATOR_ROLES, Capability


@require(Capability.RECORD_OUTCOME)
def followup(request: HttpRequest) -> HttpResponse:
    """Due and overdue follow-up tasks for a clinician (default: me), and booked visits."""
    today = timezone.localdate()
    chosen = int_param(request, "clinician")
    clinician = Staff.objects.filter(pk=chosen).first() if chosen else staff_of(request.user)
    everyone = request.GET.get("all") == "1"
    tasks = list(due_tasks(None if everyone else clinician, today)[:300])
    visits = FollowUpVisit.objects.filter(
        status=VisitStatus.BOOKED, booked_for__gte=today - dt.timedelta(days=7)
    ).select_related("patient", "clinician", "procedure")
    if not everyone and clinician is not None:
        visits = visits.filter(clinician=clinician)
    return render(
        request,
        "outcomes/followup.html",
        {
            "today": today,
            "clinician": clinician,
            "everyone": everyone,
            "clinicians": Staff.objects.filter(role__in=OPERATOR_ROLES, active=True),
            "rows": [(t, is_overdue(t, today)) for t in tasks],
            "overdue_count": sum(1 for t in tasks if is_overdue(t, today)),
            "visits": visits[:200],
            "book_form": BookForm(initial={"clinician": clinician, "booked_for": today}),
        },
    )


@require(Capability.RECORD_OUTCOME)
def book(request: HttpRequest, task_id: int) -> HttpResponse:
    """Book a clinic visit for a follow-up task."""
    task = get_object_or_404(FollowUpTask, pk=task_id)
    form = BookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            book_visit(
                patient=task.patient,
                procedure=task.procedure,
                task=task,
                by=request.user,  # type: ignore[arg-type]
                clinician=form.cleaned_data["clinician"],
                mode=form.cleaned_data["mode"],
                booked_for=form.cleaned_data["booked_for"],
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Visit booked.")
    return redirect("outcomes:followup")


@require(Capability.RECORD_OUTCOME)
def visit(request: HttpRequest, visit_id: int) -> HttpResponse:
    """Record what was found at a visit; clinical success follows from the findings."""
    item = get_object_or_404(
        FollowUpVisit.objects.select_related("patient", "procedure"), pk=visit_id
    )
    form = FindingsForm(
        request.POST or None,
        initial={
            "patency": item.patency,
            "symptom_relief": item.symptom_relief,
            "imaging_response": item.imaging_response,
            "notes": item.notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_visit(item, VisitFindings(**form.cleaned_data), by=request.user)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Visit recorded.")
            return redirect("outcomes:followup")
    return render(request, "outcomes/visit.html", {"visit": item, "form": form})
