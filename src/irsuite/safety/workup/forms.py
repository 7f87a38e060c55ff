"""Forms of the work-up page."""

from __future__ import annotations

from django import forms

from irsuite.patients.models import AllergyStatus, Patient
from irsuite.safety.workup.models import LabKind, WorkUp
from irsuite.safety.workup.services import EDITABLE

_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssessmentForm(forms.ModelForm[WorkUp]):
    """The assessment; allergies and pregnancy status start from, and go to, the patient."""

    no_known_allergies = forms.BooleanField(
        required=False,
        label="No known allergies",
        help_text="Tick when the patient was asked and has none (leave the list empty).",
    )

    class Meta:
        model = WorkUp
        fields = list(EDITABLE)
        widgets = {
            "airway_concerns": forms.Textarea(attrs={"rows": 2}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
        }


def patient_initial(patient: Patient) -> dict[str, object]:
    """The answers the patient keeps, to start the assessment form from."""
    return {
        "allergies": patient.allergies,
        "contrast_allergy": patient.contrast_allergy,
        "no_known_allergies": patient.allergy_status == AllergyStatus.NONE_KNOWN,
        "pregnancy_status": patient.pregnancy_status,
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
