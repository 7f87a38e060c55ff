"""Checks on a procedure's times (in room ≤ start ≤ end ≤ out)."""

from __future__ import annotations

import datetime as dt

TIME_ORDER = ("in_room_at", "start_at", "end_at", "out_at")
TIME_LABELS = {
    "in_room_at": "in room",
    "start_at": "procedure start",
    "end_at": "procedure end",
    "out_at": "out of room",
}


def time_order_problems(times: dict[str, dt.datetime | None]) -> list[str]:
    """Messages for each pair of recorded times that are out of order (empty when fine)."""
    problems = []
    recorded = [(name, times.get(name)) for name in TIME_ORDER if times.get(name) is not None]
    for (first, first_at), (second, second_at) in zip(recorded, recorded[1:], strict=False):
        assert first_at is not None and second_at is not None
        if second_at < first_at:
            problems.append(
                f"The {TIME_LABELS[second]} time ({second_at:%H:%M}) is before the "
                f"{TIME_LABELS[first]} time ({first_at:%H:%M}); correct one of them."
            )
    return problems
