"""The adverse-event form: one grade field per scale of the reference file."""

from __future__ import annotations

from typing import Any

from django import forms

from irsuite.bounds import validate_event_date
from irsuite.cases import reference
from irsuite.cases.models import Procedure
from irsuite.outcomes.adverse_events.models import AeCategory, AeTiming
from irsuite.outcomes.adverse_events.services import AeInput, complication_indicators
from irsuite.outcomes.reference import scale_book

LENGTH_OF_STAY = reference.length_of_stay_hours()


class AeForm(forms.Form):
    timing = forms.ChoiceField(choices=AeTiming.choices)
    onset_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_event_date],
        label="Date of onset",
    )
    category = forms.ChoiceField(choices=AeCategory.choices)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    treatment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    length_of_stay_hours = forms.IntegerField(
        min_value=LENGTH_OF_STAY.low,
        max_value=LENGTH_OF_STAY.high,
        required=False,
        label="Extra hospital stay (hours)",
    )
    sequelae = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    date_of_death = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        validators=[validate_event_date],
    )
    indicator = forms.ChoiceField(required=False, label="Counts towards quality indicator")

    def __init__(self, *args: Any, procedure: Procedure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ChoiceField)
        indicator.choices = [("", "—")] + [
            (name, name.replace("_", " ")) for name in complication_indicators(procedure)
        ]
        for definition in scale_book().scales.values():
            self.fields[f"grade_{definition.scale.value}"] = forms.ChoiceField(
                label=definition.label,
                required=False,
                choices=[("", "not graded")]
                + [(g.code, f"{g.code}: {g.label}") for g in definition.grades],
            )

    def as_input(self) -> AeInput:
        data = self.cleaned_data
        gradings = [
            (name.removeprefix("grade_"), value)
            for name, value in data.items()
            if name.startswith("grade_") and value
        ]
        return AeInput(
            timing=data["timing"],
            onset_date=data["onset_date"],
            category=data["category"],
            description=data["description"],
            gradings=gradings,
            treatment=data["treatment"],
            outcome=data["outcome"],
            length_of_stay_hours=data["length_of_stay_hours"],
            sequelae=data["sequelae"],
            date_of_death=data["date_of_death"],
            indicator=data["indicator"],
        )
