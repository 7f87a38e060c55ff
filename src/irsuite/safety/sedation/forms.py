"""Forms of the sedation page: labels in clinical words, drugs and routes from lists, and an
optional time for entries charted after the moment they happened."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from irsuite.domain.recovery import AldreteItem, SedationKind
from irsuite.domain.report_template import SEDATION_WORDS
from irsuite.domain.sedation.episode import clock_time_to_moment
from irsuite.pickers import SearchablePicker
from irsuite.safety.reference import episode_rules, recovery_reference, sedation_drugs
from irsuite.safety.sedation.models import CarePhase, DoseUnit, Route

NOW_HELP = "Leave empty for now; enter the time when charting later."


def _time(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        help_text=NOW_HELP,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


def _whole(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )


class ChartedForm(forms.Form):
    """A form with an optional clock time ``at``: :meth:`moment` is when it happened."""

    def moment(self, name: str = "at") -> dt.datetime | None:
        clock = self.cleaned_data.get(name)
        if clock is None:
            return None
        return clock_time_to_moment(clock, timezone.localtime(), episode_rules())


class StartForm(ChartedForm):
    kind = forms.ChoiceField(
        label="Kind of sedation", choices=[(k.value, SEDATION_WORDS[k]) for k in SedationKind]
    )
    baseline_systolic = _whole("Baseline systolic pressure (mmHg)")
    started_at = _time("Sedation began at")


class DrugForm(ChartedForm):
    drug = forms.ChoiceField(label="Drug", widget=SearchablePicker)
    dose = forms.DecimalField(
        label="Dose", min_value=None, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    unit = forms.ChoiceField(label="Unit", choices=DoseUnit.choices)
    route = forms.ChoiceField(label="Route", choices=Route.choices, initial=Route.IV)
    at = _time("Given at")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        listed = sedation_drugs().drugs.values()
        self.fields["drug"].choices = [("", "Choose a drug"), *((d.key, d.label) for d in listed)]  # type: ignore[attr-defined]


class VitalsForm(ChartedForm):
    phase = forms.ChoiceField(label="When", choices=CarePhase.choices)
    heart_rate = _whole("Heart rate (beats/min)")
    systolic = _whole("Systolic pressure (mmHg)")
    diastolic = _whole("Diastolic pressure (mmHg)")
    respiratory_rate = _whole("Respiratory rate (breaths/min)")
    spo2 = _whole("SpO2 (%)")
    on_oxygen = forms.BooleanField(label="On supplemental oxygen", required=False)
    ramsay = forms.ChoiceField(label="Ramsay sedation level", required=False)
    at = _time("Time")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = sorted((int(k), v) for k, v in recovery_reference().ramsay.items())
        choices = [("", "Not assessed"), *((str(n), f"{n} · {text}") for n, text in levels)]
        self.fields["ramsay"].choices = choices  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The vital signs as the service takes them."""
        names = ("heart_rate", "systolic", "diastolic", "respiratory_rate", "spo2", "ramsay")
        found: dict[str, Any] = {n: self.cleaned_data.get(n) for n in names}
        found["on_oxygen"] = self.cleaned_data.get("on_oxygen", False)
        return found


class AldreteForm(ChartedForm):
    at = _time("Assessed at")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        aldrete = recovery_reference().aldrete
        for item in AldreteItem:
            levels = [("", "Choose")]
            levels += [(str(n), f"{n} · {text}") for n, text in enumerate(aldrete.levels[item])]
            self.fields[item.value] = forms.ChoiceField(label=aldrete.labels[item], choices=levels)
        self.order_fields([*(i.value for i in AldreteItem), "at"])

    def scores(self) -> dict[str, str]:
        return {item.value: self.cleaned_data[item.value] for item in AldreteItem}
