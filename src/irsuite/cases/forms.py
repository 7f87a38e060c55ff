"""Forms of the case pages; they validate input, services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from irsuite.cases.models import (
    CaseRole,
    CatalogueEntry,
    DeviceKind,
    Disposition,
    Priority,
    Procedure,
    SedationType,
    TechnicalSuccess,
)
from irsuite.cases.procedures.models import AccessKind
from irsuite.domain.coding import invalid_icd10_codes, normalise_icd10
from irsuite.patients.models import Sex
from irsuite.people.models import Room, Site, Staff

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RequestForm(forms.Form):
    site = forms.ModelChoiceField(Site.objects.all(), empty_label=None)
    mrn = forms.CharField(
        label="MRN", max_length=64, help_text="The patient's medical record number at this site."
    )
    given_name = forms.CharField(
        required=False, max_length=100, help_text="Only for a patient new to irsuite."
    )
    family_name = forms.CharField(required=False, max_length=100)
    birth_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.UNKNOWN, required=False)
    catalogue_entry = forms.ModelChoiceField(
        CatalogueEntry.objects.filter(active=True).order_by("name"), label="Procedure"
    )
    indication = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    icd10_codes = forms.CharField(
        label="ICD-10-CM codes",
        required=False,
        help_text="Separate codes with commas, e.g. N13.30, K83.1",
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.ROUTINE)
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    referring_service = forms.CharField(required=False, max_length=100)

    def clean_icd10_codes(self) -> list[str]:
        raw = self.cleaned_data.get("icd10_codes") or ""
        written = [c for c in raw.replace(";", ",").split(",") if c.strip()]
        bad = invalid_icd10_codes(written)
        if bad:
            raise forms.ValidationError(
                f"Not an ICD-10-CM code: {', '.join(bad)}. Use a letter, two digits, then an "
                "optional dot and up to four characters (e.g. K83.1)."
            )
        return [normalise_icd10(c) for c in written]

    def clean_due_date(self) -> dt.date | None:
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError("The due date is in the past; pick today or later.")
        return due


class VetForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("reject", "Reject")], widget=forms.RadioSelect
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Protocol or reason; required to reject.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the request is rejected.")
        return data


class ScheduleForm(forms.Form):
    room = forms.ModelChoiceField(Room.objects.filter(active=True).select_related("site"))
    start = forms.DateTimeField(widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M"])
    duration_min = forms.IntegerField(
        required=False,
        min_value=5,
        max_value=720,
        label="Duration (minutes)",
        help_text="Leave empty for the catalogue's usual duration.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ProcedureForm(forms.ModelForm[Procedure]):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Procedure
        fields = [
            "in_room_at",
            "start_at",
            "end_at",
            "out_at",
            "sedation_type",
            "contrast_ml",
            "technical_success",
            "disposition",
            "findings",
            "note",
        ]
        widgets = dict.fromkeys(["in_room_at", "start_at", "end_at", "out_at"], DATETIME_WIDGET)
        labels = {
            "in_room_at": "In room",
            "start_at": "Procedure start",
            "end_at": "Procedure end",
            "out_at": "Out of room",
            "contrast_ml": "Contrast (mL)",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        for name in ["in_room_at", "start_at", "end_at", "out_at"]:
            fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
        fields["sedation_type"].choices = SedationType.choices
        fields["technical_success"].choices = [("", "Not yet recorded"), *TechnicalSuccess.choices]
        fields["disposition"].choices = [("", "Not yet recorded"), *Disposition.choices]
        self.fields["findings"].widget.attrs["rows"] = 4
        self.fields["note"].widget.attrs["rows"] = 3


class TeamForm(forms.Form):
    staff = forms.ModelChoiceField(
        Staff.objects.filter(active=True).exclude(
            role__in=["referrer", "researcher", "coder", "scheduler", "admin", "physicist"]
        )
    )
    role = forms.ChoiceField(choices=CaseRole.choices, label="Case role")


class AccessForm(forms.Form):
    kind = forms.ChoiceField(choices=AccessKind.choices)
    site = forms.CharField(
        max_length=60, label="Access site", help_text="e.g. right common femoral artery"
    )
    sheath_fr = forms.DecimalField(
        required=False, min_value=2, max_value=30, decimal_places=1, label="Sheath (F)"
    )
    closure = forms.CharField(required=False, max_length=60)


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(choices=DeviceKind.choices)
    name = forms.CharField(max_length=120, label="Device or embolic")
    manufacturer = forms.CharField(required=False, max_length=120)
    lot = forms.CharField(required=False, max_length=60, label="Lot")
    udi = forms.CharField(required=False, max_length=120, label="UDI")
    quantity = forms.IntegerField(min_value=1, max_value=500, initial=1)
    left_in_place = forms.BooleanField(required=False, label="Left in the patient")


class AddendumForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Addendum")
