"""Follow-up clinic pages: due list per clinician, booking and recording visits."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irsuite.bounds import query_day, query_int
from irsuite.cases.models import CatalogueEntry
from irsuite.errors import ServiceError
from irsuite.outcomes.followup.forms import BookForm, FindingsForm
from irsuite.outcomes.followup.models import FollowUpStatus, FollowUpTask, FollowUpVisit
from irsuite.outcomes.followup.queries import (
    TaskFilters,
    TaskState,
    booked_visits,
    is_overdue,
    tasks,
)
from irsuite.outcomes.followup.services import VisitFindings, book_visit, record_visit
from irsuite.paging import paged, query_choice
from irsuite.people.access import require, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import OPERATOR_ROLES, Capability

TASKS_PER_PAGE = 50
VISITS_PER_PAGE = 25
VISITS_PAGE = "visits_page"  # the booked visits page on their own


def filters_from(request: HttpRequest) -> TaskFilters:
    """The worklist's filters from the address; a value that is not valid is ignored and the
    page says so. The clinician is the one chosen, else the user, unless everyone is asked."""
    chosen = query_int(request, "clinician")
    clinician = Staff.objects.filter(pk=chosen).first() if chosen else staff_of(request.user)
    state = query_choice(request, "state", TaskState.values) or TaskState.OPEN
    return TaskFilters(
        state=TaskState(state),
        clinician=None if request.GET.get("all") == "1" else clinician,
        entry=query_int(request, "procedure"),
        date_from=query_day(request, "from"),
        date_to=query_day(request, "to"),
    )


def _heading(filters: TaskFilters) -> str:
    if filters.state in (TaskState.DONE, TaskState.OVERDUE):
        return str(filters.state.label)
    dated = filters.date_from is not None or filters.date_to is not None
    when = "between the chosen dates" if dated else "in the next two weeks"
    return f"Due {when}" + (", and overdue" if filters.state == TaskState.OPEN else "")


@require(Capability.RECORD_OUTCOME)
def followup(request: HttpRequest) -> HttpResponse:
    """The follow-up worklist (due, overdue or done tasks; a clinician's or everyone's, by
    procedure and due date), a page at a time, and the visits booked."""
    today = timezone.localdate()
    filters = filters_from(request)
    everyone = request.GET.get("all") == "1"
    clinician = filters.clinician or (None if everyone else staff_of(request.user))
    page = paged(request, tasks(filters, today), TASKS_PER_PAGE)
    overdue_count = tasks(replace(filters, state=TaskState.OVERDUE), today).count()
    return render(
        request,
        "outcomes/followup.html",
        {
            "today": today,
            "clinician": clinician,
            "everyone": everyone,
            "filters": filters,
            "states": TaskState.choices,
            "clinicians": Staff.objects.filter(role__in=OPERATOR_ROLES, active=True),
            "entries": CatalogueEntry.objects.order_by("name").only("pk", "name"),
            "tasks": page,
            "heading": _heading(filters),
            "rows": [(t, is_overdue(t, today), t.status == FollowUpStatus.OPEN) for t in page.rows],
            "overdue_count": overdue_count,
            "visits": paged(request, booked_visits(clinician, today), VISITS_PER_PAGE, VISITS_PAGE),
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
