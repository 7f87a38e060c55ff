"""The vetting form of an order whose procedure code was not mapped to the catalogue."""

from __future__ import annotations

from typing import Any

from django import forms

from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.requests.forms import VetForm
from irsuite.pickers import SearchablePicker


class VetOrderForm(VetForm):
    """Vetting plus the catalogue entry the ordered code means (required to accept), and
    whether the sending system should map the code so for its next orders."""

    catalogue_entry = forms.ModelChoiceField(
        CatalogueEntry.objects.filter(active=True).order_by("name"),
        required=False,
        widget=SearchablePicker,
        label="Procedure ordered",
        help_text="The ordered code is not mapped: choose the catalogue entry it means "
        "(required to accept).",
    )
    map_code = forms.BooleanField(
        required=False, label="Also map this code for future orders from this system"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "accept" and not data.get("catalogue_entry"):
            self.add_error(
                "catalogue_entry", "Choose the catalogue entry the ordered code means to accept."
            )
        return data
