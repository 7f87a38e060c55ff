"""Arithmetic on sets of half-open minute ranges ``[start, end)``.

A set is a sorted tuple of disjoint, non-touching ranges; every function returns one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

Minutes = tuple[tuple[int, int], ...]


def normalise(ranges: Iterable[tuple[int, int]]) -> Minutes:
    """Sort ranges, drop empty ones and merge those that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def intersect(a: Minutes, b: Minutes) -> Minutes:
    """The minutes in both ``a`` and ``b``."""
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return normalise(out)


def subtract(a: Minutes, b: Minutes) -> Minutes:
    """The minutes in ``a`` and not in ``b``."""
    out: list[tuple[int, int]] = []
    for start, end in a:
        cursor = start
        for b_start, b_end in b:
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if cursor < end:
            out.append((cursor, end))
    return normalise(out)


def start_ranges(ranges: Minutes, length: int) -> Minutes:
    """Closed ranges ``(first, last)`` of start minutes where ``length`` minutes fit whole."""
    return tuple((s, e - length) for s, e in ranges if e - s >= length)


def longest(ranges: Minutes) -> int:
    """The length of the longest range (0 for none)."""
    return max((e - s for s, e in ranges), default=0)


def to_minutes(origin: datetime, moment: datetime) -> int:
    """Whole minutes from ``origin`` to ``moment`` (rounded down)."""
    return int((moment - origin).total_seconds() // 60)


def span_minutes(origin: datetime, start: datetime, end: datetime) -> tuple[int, int]:
    """The whole minutes inside ``[start, end)``: the start rounds up, the end rounds down."""
    first = -int((origin - start).total_seconds() // 60)
    return first, to_minutes(origin, end)


def from_minutes(origin: datetime, minutes: int) -> datetime:
    """The moment ``minutes`` after ``origin``."""
    return origin + timedelta(minutes=minutes)
