"""Cells that leave irsuite in a spreadsheet are inert (OWASP "CSV injection").

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by spreadsheet programs. Such text is prefixed with a single quote, which the
programs show as text; numbers stay numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """The value to write in a cell: numbers and empty values as they are, text made inert."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def inert_row(row: Iterable[object]) -> list[object]:
    """`inert` applied to every cell of a row."""
    return [inert(cell) for cell in row]
