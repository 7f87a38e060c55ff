"""Coded outcome values in words: `{{ case.reasons|flag_reasons }}` → "Return to the suite
within the review window, Flagged by hand"; `{{ event|indicator_label }}` → "Major
haemorrhage" (the label of the quality indicator in the procedure's catalogue entry)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from irsuite.outcomes.review.models import FLAG_REASON_CHOICES

register = template.Library()
WORDS = dict(FLAG_REASON_CHOICES)


@register.filter
def flag_reasons(reasons: Iterable[str] | None) -> str:
    """The reasons joined, each by its label."""
    return ", ".join(WORDS.get(r, r) for r in reasons or [])


@register.filter
def indicator_label(event: Any) -> str:
    """The label of an adverse event's quality indicator; a dash when it has none."""
    if not event.indicator:
        return "—"
    for entry in event.procedure.entries.all():
        for item in entry.quality or []:
            if item.get("indicator") == event.indicator:
                return str(item.get("label") or event.indicator)
    return str(event.indicator)
