"""Forms of the procedure page; they validate input, services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms

from irsuite.cases import reference
from irsuite.cases.procedures.models import (
    AccessKind,
    CaseRole,
    DeviceKind,
    Disposition,
    Procedure,
    SampleAdequacy,
    SedationType,
    TechnicalSuccess,
)
from irsuite.cases.requests.forms import DATETIME_FORMAT, DATETIME_WIDGET
from irsuite.people.models import Staff
from irsuite.pickers import PersonChoiceField

TIMES = ["in_room_at", "start_at", "end_at", "out_at"]
SHEATH = reference.sheath_fr()
QUANTITY = reference.device_quantity()


class ProcedureForm(forms.ModelForm[Procedure]):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Procedure
        fields = [
            *TIMES,
            "sedation_type",
            "contrast_ml",
            "hand_fluoro_time_s",
            "hand_kap_gycm2",
            "hand_ka_r_mgy",
            "sample_adequacy",
            "technical_success",
            "disposition",
            "findings",
            "note",
        ]
        widgets = dict.fromkeys(TIMES, DATETIME_WIDGET)
        labels = {
            "in_room_at": "In room",
            "start_at": "Procedure start",
            "end_at": "Procedure end",
            "out_at": "Out of room",
            "contrast_ml": "Contrast (mL)",
            "hand_fluoro_time_s": "Fluoroscopy time (s)",
            "hand_kap_gycm2": "KAP (Gy·cm²)",
            "hand_ka_r_mgy": "Ka,r (mGy)",
            "sample_adequacy": "Sample adequate for diagnosis",
            "sedation_type": "Sedation or anaesthesia",
            "note": "Procedure note",
        }
        help_texts = {
            "hand_fluoro_time_s": "From the unit's console, when it sends no dose report.",
            "hand_kap_gycm2": "Kerma-area product (dose-area product) from the console.",
            "hand_ka_r_mgy": "Reference air kerma (cumulative air kerma) from the console.",
            "sample_adequacy": "Biopsies: as pathology reports it.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        for name in TIMES:
            fields[name].input_formats = [DATETIME_FORMAT]
        fields["sedation_type"].choices = SedationType.choices
        fields["technical_success"].choices = [("", "Not yet recorded"), *TechnicalSuccess.choices]
        fields["disposition"].choices = [("", "Not yet recorded"), *Disposition.choices]
        fields["sample_adequacy"].choices = [("", "Not recorded"), *SampleAdequacy.choices]
        self.fields["findings"].widget.attrs["rows"] = 4
        self.fields["note"].widget.attrs["rows"] = 3


class TeamForm(forms.Form):
    staff = PersonChoiceField(
        Staff.objects.filter(active=True).exclude(
            role__in=["referrer", "researcher", "coder", "scheduler", "admin", "physicist"]
        ),
        label="Staff member",
        help_text="Search by name or role.",
    )
    role = forms.ChoiceField(choices=CaseRole.choices, label="Case role")


class AccessForm(forms.Form):
    kind = forms.ChoiceField(choices=AccessKind.choices, label="Kind of access")
    site = forms.CharField(
        max_length=60, label="Access site", help_text="e.g. right common femoral artery"
    )
    sheath_fr = forms.DecimalField(
        required=False,
        min_value=SHEATH.low,
        max_value=SHEATH.high,
        decimal_places=1,
        label="Sheath size (Fr)",
    )
    closure = forms.CharField(
        required=False, max_length=60, label="Closure", help_text="e.g. manual compression"
    )


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(choices=DeviceKind.choices, label="Kind of device")
    name = forms.CharField(max_length=120, label="Device or embolic")
    manufacturer = forms.CharField(required=False, max_length=120)
    lot = forms.CharField(required=False, max_length=60, label="Lot number")
    udi = forms.CharField(required=False, max_length=120, label="UDI")
    quantity = forms.IntegerField(min_value=QUANTITY.low, max_value=QUANTITY.high, initial=1)
    left_in_place = forms.BooleanField(required=False, label="Left in the patient")


class AddendumForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Addendum")
