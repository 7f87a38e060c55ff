"""Forms of the M&M pages: a conference, a conclusion, a peer score."""

from __future__ import annotations

from django import forms

from irsuite.outcomes.review.models import OUTCOME_CHOICES, PeerScore
from irsuite.people.models import Site


class ConferenceForm(forms.Form):
    held_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Meeting date")
    title = forms.CharField(max_length=200, label="Title")
    site = forms.ModelChoiceField(
        queryset=Site.objects.all(),
        required=False,
        label="Hospital site",
        empty_label="No single site (department-wide)",
    )


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(choices=OUTCOME_CHOICES)
    learning_points = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(choices=PeerScore.choices, coerce=int, label="Peer review score")
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
