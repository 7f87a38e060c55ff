"""Forms of the work-up page."""

from __future__ import annotations

from django import forms

from irsuite.patients.models import AllergyStatus, Patient
from irsuite.pickers import SuggestingInput
from irsuite.safety.workup.models import LabKind, WorkUp
from irsuite.safety.workup.reference import bleeding_rules
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
        # ASA physical status classification system (ASA House of Delegates, 2020).
        labels = {
            "asa_class": "ASA physical status class",
            "asa_emergency": "ASA emergency (E suffix)",
            "arterial_sheath_fr": "Arterial sheath size (Fr)",
            "arterial_access": "Arterial access site",
            "contrast_allergy": "Allergy to iodinated contrast",
            "sedation_plan": "Planned sedation or anaesthesia",
        }
        help_texts = {
            "asa_emergency": "The delay of treatment would increase the threat to life or limb.",
            "arterial_sheath_fr": "The largest sheath planned; it sets the bleeding risk.",
            "airway_concerns": "e.g. limited mouth opening, sleep apnoea, a past difficult airway",
        }


def patient_initial(patient: Patient) -> dict[str, object]:
    """The answers the patient keeps, to start the assessment form from."""
    return {
        "allergies": patient.allergies,
        "contrast_allergy": patient.contrast_allergy,
        "no_known_allergies": patient.allergy_status == AllergyStatus.NONE_KNOWN,
        "pregnancy_status": patient.pregnancy_status,
    }


def known_drug_names() -> list[str]:
    """The drug names the bleeding-risk rules recognise (generic, brand and synonym)."""
    rules = bleeding_rules()
    return sorted({*rules.names, *rules.ambiguous})


class LabForm(forms.Form):
    kind = forms.ChoiceField(choices=LabKind.choices, label="Laboratory test")
    value = forms.FloatField(label="Result value", help_text="In the unit the test names.")
    taken_at = forms.DateTimeField(widget=_LOCAL, label="Sample taken")


class MedicationForm(forms.Form):
    drug = forms.CharField(
        max_length=100,
        label="Drug affecting haemostasis",
        help_text="Generic or brand name",
        widget=SuggestingInput(known_drug_names),
    )
    dose = forms.CharField(max_length=100, required=False)
    last_dose_at = forms.DateTimeField(widget=_LOCAL, required=False, label="Last dose")


class OverrideForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, label="Override reason"
    )
