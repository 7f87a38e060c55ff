"""Follow-up clinic pages: due list per clinician, visits, IVC filter report."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from irsuite.domain.quality.clinical_success import ImagingResponse, Patency, SymptomRelief
from irsuite.errors import ServiceError
from irsuite.outcomes.devices import queries as ivc_queries
from irsuite.outcomes.followup.models import FollowUpTask
from irsuite.outcomes.followup.visit_models import FollowUpVisit, VisitMode, VisitStatus
from irsuite.outcomes.followup.visit_services import (
    VisitFindings,
    book_visit,
    due_tasks,
    is_overdue,
    record_visit,
)
from irsuite.outcomes.pages import int_param
from irsuite.people.access import require, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import OPERATOR_ROLES, Capability


def _choices(enum_type: type[Patency | SymptomRelief | ImagingResponse]) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ").capitalize()) for m in enum_type]


class BookForm(forms.Form):
    clinician = forms.ModelChoiceField(queryset=Staff.objects.filter(role__in=OPERATOR_ROLES))
    mode = forms.ChoiceField(choices=VisitMode.choices)
    booked_for = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


class FindingsForm(forms.Form):
    patency = forms.ChoiceField(choices=_choices(Patency))
    symptom_relief = forms.ChoiceField(choices=_choices(SymptomRelief))
    imaging_response = forms.ChoiceField(choices=_choices(ImagingResponse))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


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


@require(Capability.RECORD_OUTCOME, Capability.VIEW_QUALITY)
def ivc_filters(request: HttpRequest) -> HttpResponse:
    """Every IVC filter: placed, retrieved, retrieval planned, permanent, lost; with dwell time."""
    rows = ivc_queries.filter_report(timezone.localdate())
    return render(
        request,
        "outcomes/ivc_filters.html",
        {
            "rows": rows,
            "summary": ivc_queries.summary(rows),
            "attention": sum(1 for r in rows if r.needs_attention),
        },
    )
