"""Forms of the request pages; they validate input, services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from irsuite.cases import reference
from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.requests.models import Priority
from irsuite.domain.coding import invalid_icd10_codes, normalise_icd10
from irsuite.patients.models import Sex
from irsuite.people.models import Room, Site
from irsuite.pickers import SearchablePicker

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
DURATION = reference.duration_min()


class RequestForm(forms.Form):
    site = forms.ModelChoiceField(Site.objects.all(), empty_label=None, label="Hospital site")
    mrn = forms.CharField(
        label="MRN", max_length=64, help_text="The patient's medical record number at this site."
    )
    given_name = forms.CharField(
        required=False,
        max_length=100,
        label="Patient's given name",
        help_text="Only for a patient new to irsuite.",
    )
    family_name = forms.CharField(
        required=False,
        max_length=100,
        label="Patient's family name",
        help_text="Only for a patient new to irsuite.",
    )
    birth_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Patient's birth date"
    )
    sex = forms.ChoiceField(
        choices=Sex.choices, initial=Sex.UNKNOWN, required=False, label="Administrative sex"
    )
    catalogue_entry = forms.ModelChoiceField(
        CatalogueEntry.objects.filter(active=True).order_by("name"),
        label="Procedure",
        widget=SearchablePicker,
        help_text="Search by name or code.",
    )
    indication = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        label="Clinical indication",
        help_text="The clinical question the procedure answers.",
    )
    icd10_codes = forms.CharField(
        label="ICD-10-CM codes",
        required=False,
        help_text="Separate codes with commas, e.g. N13.30, K83.1",
    )
    priority = forms.ChoiceField(
        choices=Priority.choices, initial=Priority.ROUTINE, label="Priority"
    )
    due_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Needed by",
        help_text="The latest clinically acceptable day for the procedure.",
    )
    referring_service = forms.CharField(
        required=False, max_length=100, label="Referring service", help_text="e.g. Urology"
    )

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
        choices=[("accept", "Accept"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        label="Vetting decision",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Vetting note",
        help_text="Protocol or reason; required to reject.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the request is rejected.")
        return data


class ScheduleForm(forms.Form):
    room = forms.ModelChoiceField(
        Room.objects.filter(active=True).select_related("site"), label="Procedure room"
    )
    start = forms.DateTimeField(
        widget=DATETIME_WIDGET, input_formats=[DATETIME_FORMAT], label="Start time"
    )
    duration_min = forms.IntegerField(
        required=False,
        min_value=DURATION.low,
        max_value=DURATION.high,
        label="Duration (minutes)",
        help_text="Leave empty for the catalogue's usual duration.",
    )

    def __init__(self, *args: Any, site: Site | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if site is not None:  # a request is booked only in a room of its own site
            rooms = self.fields["room"]
            rooms.queryset = rooms.queryset.filter(site=site)  # type: ignore[attr-defined]
            rooms.label_from_instance = lambda room: room.name  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
