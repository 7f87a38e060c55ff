"""`{{ value|dose:"ka_r_mgy" }}` → "6,743 mGy": every dose number with its unit."""

from __future__ import annotations

from django import template

from irsuite.cases.procedures.units import amount

register = template.Library()


@register.filter
def dose(value: object, key: str) -> str:
    """The value with its unit; a dash when there is none."""
    if value is None or value == "":
        return "–"
    try:
        return amount(key, float(str(value)))
    except ValueError:
        return "–"
