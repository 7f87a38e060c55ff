"""The auto-schedule page's form: the week to plan and the solver's time limit."""

from __future__ import annotations

from django import forms

from irsuite.scheduling.autoschedule.services import (
    DEFAULT_TIME_LIMIT_S,
    MAX_TIME_LIMIT_S,
    MIN_TIME_LIMIT_S,
)


class ProposeForm(forms.Form):
    week_start = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Week beginning",
        help_text="The Monday of the week to plan.",
    )
    time_limit_s = forms.IntegerField(
        min_value=MIN_TIME_LIMIT_S,
        max_value=MAX_TIME_LIMIT_S,
        initial=DEFAULT_TIME_LIMIT_S,
        label="Time limit (seconds)",
    )
