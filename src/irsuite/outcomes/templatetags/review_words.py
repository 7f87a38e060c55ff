"""`{{ case.reasons|flag_reasons }}` → "Return to the suite within the review window, Flagged
by hand": why a case is on the M&M list, in words."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from irsuite.outcomes.review.models import FLAG_REASON_CHOICES

register = template.Library()
WORDS = dict(FLAG_REASON_CHOICES)


@register.filter
def flag_reasons(reasons: Iterable[str] | None) -> str:
    """The reasons joined, each by its label."""
    return ", ".join(WORDS.get(r, r) for r in reasons or [])
