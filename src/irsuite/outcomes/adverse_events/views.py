"""Adverse events on a procedure: list, record, change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from irsuite.cases.models import Procedure
from irsuite.errors import ServiceError
from irsuite.outcomes.adverse_events.models import AdverseEvent, AeCategory, AeTiming
from irsuite.outcomes.adverse_events.services import (
    AeInput,
    complication_indicators,
    record_adverse_event,
    update_adverse_event,
)
from irsuite.outcomes.reference import scale_book
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability


class AeForm(forms.Form):
    timing = forms.ChoiceField(choices=AeTiming.choices)
    onset_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ChoiceField(choices=AeCategory.choices)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    treatment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    length_of_stay_hours = forms.IntegerField(
        min_value=0, max_value=10000, required=False, label="Extra hospital stay (hours)"
    )
    sequelae = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    date_of_death = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    indicator = forms.ChoiceField(required=False, label="Counts towards quality indicator")

    def __init__(self, *args: Any, procedure: Procedure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ChoiceField)
        indicator.choices = [("", "—")] + [
            (name, name.replace("_", " ")) for name in complication_indicators(procedure)
        ]
        for definition in scale_book().scales.values():
            self.fields[f"grade_{definition.scale.value}"] = forms.ChoiceField(
                label=definition.label,
                required=False,
                choices=[("", "not graded")]
                + [(g.code, f"{g.code}: {g.label}") for g in definition.grades],
            )

    def as_input(self) -> AeInput:
        data = self.cleaned_data
        gradings = [
            (name.removeprefix("grade_"), value)
            for name, value in data.items()
            if name.startswith("grade_") and value
        ]
        return AeInput(
            timing=data["timing"],
            onset_date=data["onset_date"],
            category=data["category"],
            description=data["description"],
            gradings=gradings,
            treatment=data["treatment"],
            outcome=data["outcome"],
            length_of_stay_hours=data["length_of_stay_hours"],
            sequelae=data["sequelae"],
            date_of_death=data["date_of_death"],
            indicator=data["indicator"],
        )


def _initial(event: AdverseEvent) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(event, name)
        for name in (
            "timing",
            "onset_date",
            "category",
            "description",
            "treatment",
            "outcome",
            "length_of_stay_hours",
            "sequelae",
            "date_of_death",
            "indicator",
        )
    }
    initial.update({f"grade_{g.scale}": g.grade for g in event.gradings.all()})
    return initial


@require(Capability.RECORD_OUTCOME, Capability.VIEW_QUALITY)
def procedure_outcomes(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """A procedure's adverse events, the form to record one, and the review flag."""
    procedure = get_object_or_404(
        Procedure.objects.select_related("request__catalogue_entry"), pk=procedure_id
    )
    can_record = has_capability(request.user, Capability.RECORD_OUTCOME)
    form = AeForm(request.POST or None, procedure=procedure, initial={"onset_date": procedure.day})
    if request.method == "POST" and can_record and form.is_valid():
        try:
            record_adverse_event(procedure, form.as_input(), by=request.user)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Adverse event recorded.")
            return redirect("outcomes:procedure_outcomes", procedure.pk)
    return render(
        request,
        "outcomes/procedure_outcomes.html",
        {
            "procedure": procedure,
            "form": form,
            "can_record": can_record,
            "events": procedure.adverse_events.prefetch_related("gradings"),
            "review": getattr(procedure, "review_case", None)
            if has_capability(request.user, Capability.PEER_REVIEW)
            else None,
        },
    )


@require(Capability.RECORD_OUTCOME)
def ae_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """Change an adverse event (audited)."""
    event = get_object_or_404(AdverseEvent.objects.select_related("procedure"), pk=event_id)
    form = AeForm(request.POST or None, procedure=event.procedure, initial=_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            update_adverse_event(event, form.as_input(), by=request.user)  # type: ignore[arg-type]
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Adverse event changed.")
            return redirect("outcomes:procedure_outcomes", event.procedure_id)
    return render(request, "outcomes/ae_edit.html", {"event": event, "form": form})
