"""A worklist query's keys worked out once into checks on a scheduled step (PS3.4 C.2.2.2).

Each key that is not universal becomes one check on the row's column; universal keys (empty,
absent, or only `*`) cost nothing, and a date range is read once per query, not once per row.
A code sequence's item is matched by sequence matching (C.2.2.2.6); the step's start date and
time are matched together (C.2.2.2.5.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset

from irsuite.domain.dicom_matching import (
    Vr,
    date_matcher,
    start_matcher,
    text_matcher,
    uid_matcher,
)
from irsuite.interop.dicom.worklist.attributes import (
    CODE,
    CODE_SEQUENCES,
    SPS,
    SPS_SEQUENCE,
    START_DATE,
    START_TIME,
    TOP,
    Attr,
    text_of,
)

Row = Mapping[str, Any]
Check = Callable[[Row], bool]


def _value_matcher(attr: Attr, text: str | None) -> Callable[[Any], bool] | None:
    if attr.vr == Vr.UI:
        return uid_matcher(text)
    if attr.vr == Vr.DA:
        return date_matcher(text)
    if attr.vr == "US":
        if text is None:
            return None
        wanted = text.strip()
        return lambda value: value is not None and str(value) == wanted
    return text_matcher(text, Vr(attr.vr))


def _column_check(attr: Attr, key: DataElement) -> Check | None:
    matcher, column = _value_matcher(attr, text_of(key)), attr.column
    if matcher is None:
        return None
    return lambda row: matcher(row[column])


def _code_check(item: Dataset) -> Check | None:
    """Sequence matching of a code sequence's item: each code key asked with a value."""
    pairs = [
        (column, matcher)
        for keyword, column in CODE.items()
        if keyword in item and (matcher := text_matcher(text_of(item[keyword]), Vr.SH))
    ]
    if not pairs:
        return None
    return lambda row: all(matcher(row[column]) for column, matcher in pairs)


def _checks(elements: Iterable[DataElement], table: Mapping[str, Attr]) -> list[Check]:
    found: list[Check | None] = []
    for key in elements:
        if key.keyword in table and key.keyword not in (START_DATE, START_TIME):
            found.append(_column_check(table[key.keyword], key))
        elif key.keyword in CODE_SEQUENCES and key.value:
            found.append(_code_check(key.value[0]))
    return [check for check in found if check is not None]


def _start_of(row: Row) -> dt.datetime | None:
    day, time = row["start_date"], row["start_time"]
    return None if day is None else dt.datetime.combine(day, time or dt.time.min)


def compile_query(query: Dataset, keys: Mapping[str, str | None]) -> Check:
    """One function telling whether a row answers the query (every key, PS3.4 C.2.2.2)."""
    checks = _checks(query, TOP)
    if SPS_SEQUENCE in query and query[SPS_SEQUENCE].value:
        checks += _checks(query[SPS_SEQUENCE].value[0], SPS)
    start = start_matcher(keys.get(START_DATE), keys.get(START_TIME))
    if start is not None:
        checks.append(lambda row: start(_start_of(row)))
    return lambda row: all(check(row) for check in checks)
