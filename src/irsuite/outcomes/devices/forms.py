"""Forms of the IVC filter report: one action recorded about one filter."""

from __future__ import annotations

from django import forms

from irsuite.outcomes.devices.services import FilterAction


class FilterActionForm(forms.Form):
    action = forms.ChoiceField(choices=FilterAction.choices)
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(required=False, max_length=2000)
