"""`{% patient_banner patient site %}`: the one patient banner every patient page shows."""

from __future__ import annotations

from typing import Any

from django import template

from irsuite.patients.facts.banner import banner_for
from irsuite.patients.models import Patient
from irsuite.people.models import Site

register = template.Library()


@register.inclusion_tag("patients/_banner.html")
def patient_banner(patient: Patient, site: Site | None = None) -> dict[str, Any]:
    return {"banner": banner_for(patient, site)}
