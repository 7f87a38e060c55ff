"""`{{ entry.family|catalogue_word:"family" }}` → "Non-vascular": the catalogue's coded values
(family, bleeding-risk class, follow-up kind) in words, never as their keys."""

from __future__ import annotations

from django import template

from irsuite.domain.catalogue import FOLLOW_UP_LABELS, BleedingRiskClass, Family

register = template.Library()

WORDS: dict[str, dict[str, str]] = {
    "family": {
        Family.ARTERIAL: "Arterial",
        Family.VENOUS: "Venous",
        Family.EMBOLISATION: "Embolisation",
        Family.PORTAL_HYPERTENSION: "Portal hypertension",
        Family.INTERVENTIONAL_ONCOLOGY: "Interventional oncology",
        Family.NON_VASCULAR: "Non-vascular",
        Family.VENOUS_ACCESS: "Venous access",
    },
    "bleeding_risk": {
        BleedingRiskClass.LOW: "Low",
        BleedingRiskClass.HIGH: "High",
        BleedingRiskClass.BY_SHEATH: "Set by the arterial sheath size",
    },
    "follow_up": {str(kind): label for kind, label in FOLLOW_UP_LABELS.items()},
}


@register.filter
def catalogue_word(value: object, kind: str) -> str:
    """The word for a coded catalogue value; a value with no word is shown as it is."""
    return WORDS.get(kind, {}).get(str(value), str(value))
