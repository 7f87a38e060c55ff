"""Forms of the follow-up clinic: booking a visit, recording its findings."""

from __future__ import annotations

from django import forms

from irsuite.domain.quality.clinical_success import ImagingResponse, Patency, SymptomRelief
from irsuite.outcomes.followup.models import VisitMode, finding_choices
from irsuite.people.models import Staff
from irsuite.people.roles import OPERATOR_ROLES


class BookForm(forms.Form):
    clinician = forms.ModelChoiceField(queryset=Staff.objects.filter(role__in=OPERATOR_ROLES))
    mode = forms.ChoiceField(choices=VisitMode.choices)
    booked_for = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


class FindingsForm(forms.Form):
    patency = forms.ChoiceField(choices=finding_choices(Patency))
    symptom_relief = forms.ChoiceField(choices=finding_choices(SymptomRelief))
    imaging_response = forms.ChoiceField(choices=finding_choices(ImagingResponse))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
