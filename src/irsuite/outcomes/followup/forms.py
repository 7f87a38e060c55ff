"""Forms of the follow-up clinic: booking a visit, recording its findings."""

from __future__ import annotations

from django import forms

from irsuite.domain.quality.clinical_success import ImagingResponse, Patency, SymptomRelief
from irsuite.outcomes.followup.models import VisitMode, finding_choices
from irsuite.people.models import Staff
from irsuite.people.roles import OPERATOR_ROLES
from irsuite.pickers import PersonChoiceField


class BookForm(forms.Form):
    clinician = PersonChoiceField(
        queryset=Staff.objects.filter(role__in=OPERATOR_ROLES),
        label="Clinician",
        help_text="Search by name or role.",
    )
    mode = forms.ChoiceField(choices=VisitMode.choices, label="Kind of visit")
    booked_for = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Visit date")


class FindingsForm(forms.Form):
    patency = forms.ChoiceField(choices=finding_choices(Patency))
    symptom_relief = forms.ChoiceField(choices=finding_choices(SymptomRelief))
    imaging_response = forms.ChoiceField(choices=finding_choices(ImagingResponse))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
