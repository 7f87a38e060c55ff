"""Reading numbers (with their units) and DICOM dates from content items.

A NUM item's Numeric Value (0040,A30A) is a DS of multiplicity 1-n in the data dictionary
(PS3.6). The Numeric Measurement macro (PS3.3) asks a NUM item for one value, and TID 10003B
gives a per-pulse setting (kVp, tube current, pulse width) one row per pulse instead, but some
devices write every pulse's value into one item; both forms are read. `measured_values` reads
every value; `measured` needs one number and takes the mean of settings and geometry, but
refuses several doses, times or counts (see `AVERAGED`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.plausibility import PlausibilityBounds
from irsuite.domain.rdsr.quirks import UCUM, normalise_unit
from irsuite.domain.rdsr.tree import ContentItem
from irsuite.domain.rdsr.units import Quantity, convert

# A DS value (PS3.5 6.2): a fixed or floating point number, nothing else (no "nan", no "1_0").
_DECIMAL_STRING = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

# Quantities whose mean is a fair single number when an item holds several values: settings and
# geometry that may vary during an event. A dose, a time or a count is never averaged: the mean
# of several doses understates the dose and their sum may count it twice.
AVERAGED = frozenset(
    {
        Quantity.VOLTAGE_KV,
        Quantity.CURRENT_MA,
        Quantity.ANGLE_DEG,
        Quantity.AREA_CM2,
        Quantity.LENGTH_MM,
        Quantity.RATE_PER_S,
    }
)


def _concept(item: ContentItem) -> str:
    return f"({item.concept_value}) {item.concept.meaning if item.concept else ''}".strip()


def numbers(item: ContentItem) -> list[str]:
    """The item's Numeric Value split into its values (empty values are dropped)."""
    if item.number is None:
        return []
    if "\\" not in item.number:
        return [item.number.strip()]
    return [part.strip() for part in item.number.split("\\") if part.strip()]


def _number(text: str, concept: str) -> float:
    if _DECIMAL_STRING.fullmatch(text) is None:
        raise RdsrError(ErrorKind.BAD_NUMBER, f"concept {concept} has a value that is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise RdsrError(ErrorKind.BAD_NUMBER, f"concept {concept} has a value that is not finite")
    return value


def measured_values(
    item: ContentItem | None, quantity: Quantity, bounds: PlausibilityBounds
) -> tuple[float, ...]:
    """Every value of the item in irsuite's unit for `quantity`; empty when there is none.

    Raises RdsrError for a value without a unit, an unknown unit, a number that does not
    parse, a negative dose or a value outside the plausibility bounds.
    """
    if item is None or item.number is None:
        return ()
    concept = _concept(item)
    values = [_number(text, concept) for text in numbers(item)]
    unit, scheme = normalise_unit(item.unit, item.unit_scheme)
    if unit is not None and scheme not in (UCUM, "", None):
        raise RdsrError(
            ErrorKind.UNKNOWN_UNIT,
            f"concept {concept} has its unit coded in scheme '{scheme}', not UCUM",
        )
    return tuple(
        bounds.check(convert(value, unit, quantity, concept), quantity, concept) for value in values
    )


def mean(values: tuple[float, ...]) -> float | None:
    """The arithmetic mean; None for no values."""
    return math.fsum(values) / len(values) if values else None


def measured(
    item: ContentItem | None, quantity: Quantity, bounds: PlausibilityBounds
) -> float | None:
    """The item's numeric value in irsuite's unit for `quantity`; None when there is no value.

    Several values give their mean for a quantity in `AVERAGED` and RdsrError
    (multiple_values) for any other; otherwise raises as `measured_values` does.
    """
    if item is None:
        return None
    values = measured_values(item, quantity, bounds)
    if len(values) <= 1 or quantity in AVERAGED:
        return mean(values)
    raise RdsrError(
        ErrorKind.MULTIPLE_VALUES,
        f"concept {_concept(item)} has {len(values)} values where the dose report templates "
        "allow one; irsuite neither averages nor adds doses, times or counts, so the report "
        "is kept for review (ask the vendor which value the device means)",
    )


def per_pulse(
    items: Iterable[ContentItem], quantity: Quantity, bounds: PlausibilityBounds
) -> tuple[float, ...]:
    """Every value of every item given (a TID 10003B row may repeat, one item per pulse)."""
    return tuple(value for item in items for value in measured_values(item, quantity, bounds))


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
