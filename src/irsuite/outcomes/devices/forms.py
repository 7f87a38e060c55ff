"""Forms of the IVC filter report: one action recorded about one filter."""

from __future__ import annotations

from django import forms

from irsuite.outcomes.devices.services import FilterAction


class FilterActionForm(forms.Form):
    action = forms.ChoiceField(choices=FilterAction.choices, label="Action")
    on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Date of retrieval",
        help_text="The planned or done retrieval; not needed to keep a filter or to record loss "
        "to follow-up.",
    )
    reason = forms.CharField(
        required=False, max_length=2000, label="Reason", help_text="Why the filter stays."
    )
