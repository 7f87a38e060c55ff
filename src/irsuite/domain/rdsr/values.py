"""Reading numbers (with their units) and DICOM dates from content items."""

from __future__ import annotations

import datetime as dt
import math

from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.plausibility import PlausibilityBounds
from irsuite.domain.rdsr.quirks import UCUM, normalise_unit
from irsuite.domain.rdsr.tree import ContentItem
from irsuite.domain.rdsr.units import Quantity, convert


def measured(
    item: ContentItem | None, quantity: Quantity, bounds: PlausibilityBounds
) -> float | None:
    """The item's numeric value in irsuite's unit for `quantity`; None when there is no value.

    Raises RdsrError for a value without a unit, an unknown unit, a number that does not
    parse, a negative dose or a value outside the plausibility bounds.
    """
    if item is None or item.number is None:
        return None
    concept = f"({item.concept_value}) {item.concept.meaning if item.concept else ''}".strip()
    try:
        value = float(item.number)
    except ValueError as exc:
        raise RdsrError(
            ErrorKind.BAD_NUMBER, f"concept {concept} has a value that is not a number"
        ) from exc
    if not math.isfinite(value):
        raise RdsrError(ErrorKind.BAD_NUMBER, f"concept {concept} has a value that is not finite")
    unit, scheme = normalise_unit(item.unit, item.unit_scheme)
    if unit is not None and scheme not in (UCUM, "", None):
        raise RdsrError(
            ErrorKind.UNKNOWN_UNIT,
            f"concept {concept} has its unit coded in scheme '{scheme}', not UCUM",
        )
    converted = convert(value, unit, quantity, concept)
    return bounds.check(converted, quantity, concept)


def count(item: ContentItem | None, bounds: PlausibilityBounds) -> int | None:
    """A count (frames, events) as an integer; None when absent."""
    value = measured(item, Quantity.COUNT, bounds)
    return None if value is None else round(value)


def parse_date(text: str) -> dt.date | None:
    """A DICOM DA value (YYYYMMDD) as a date; None when empty or malformed."""
    text = text.strip()
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8])) if len(text) >= 8 else None
    except ValueError:
        return None


def parse_time(text: str) -> dt.time | None:
    """A DICOM TM value (HH[MM[SS[.F]]]) as a time; None when empty or malformed."""
    text = text.strip().replace(":", "")
    if len(text) < 2:
        return None
    try:
        whole, _, fraction = text.partition(".")
        hour = int(whole[0:2])
        minute = int(whole[2:4]) if len(whole) >= 4 else 0
        second = min(int(whole[4:6]), 59) if len(whole) >= 6 else 0
        micro = int((fraction + "000000")[:6]) if fraction.isdigit() else 0
        return dt.time(hour, minute, second, micro)
    except ValueError:
        return None


def parse_datetime(text: str | None) -> dt.datetime | None:
    """A DICOM DT value as a naive local datetime (any UTC offset is dropped)."""
    if not text:
        return None
    text = text.strip()
    for sign in ("+", "-"):
        if sign in text[8:]:
            text = text[: 8 + text[8:].index(sign)]
    day = parse_date(text[:8])
    if day is None:
        return None
    moment = parse_time(text[8:]) if len(text) > 8 else dt.time(0, 0)
    return dt.datetime.combine(day, moment or dt.time(0, 0))
