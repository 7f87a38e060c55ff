"""Forms of the work-up page."""

from __future__ import annotations

from django import forms

from irsuite.safety.workup.models import LabKind, WorkUp
from irsuite.safety.workup.services import EDITABLE

_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssessmentForm(forms.ModelForm[WorkUp]):
    class Meta:
        model = WorkUp
        fields = list(EDITABLE)
        widgets = {
            "airway_concerns": forms.Textarea(attrs={"rows": 2}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
        }


class LabForm(forms.Form):
    kind = forms.ChoiceField(choices=LabKind.choices)
    value = forms.FloatField()
    taken_at = forms.DateTimeField(widget=_LOCAL, label="Sample taken")


class MedicationForm(forms.Form):
    drug = forms.CharField(max_length=100, help_text="Generic or brand name")
    dose = forms.CharField(max_length=100, required=False)
    last_dose_at = forms.DateTimeField(widget=_LOCAL, required=False, label="Last dose")


class OverrideForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
