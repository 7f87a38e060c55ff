"""IVC filter tracking: where each filter stands and how long it has been in.

Retrievable filters left in place are a known safety problem; the report lists every filter with
its dwell time so none is forgotten.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class FilterStatus(enum.Enum):
    """Where a placed filter stands."""

    RETRIEVED = "retrieved"
    PERMANENT = "permanent"  # deliberately left in, decision documented
    LOST_TO_FOLLOW_UP = "lost_to_follow_up"
    RETRIEVAL_PLANNED = "retrieval_planned"
    NO_PLAN = "no_plan"  # in place, neither retrieval planned nor a permanent decision


@dataclass(frozen=True)
class FilterRecord:
    """What is known about one placed filter."""

    placed_on: date
    retrieved_on: date | None = None
    retrieval_planned_on: date | None = None
    deliberately_permanent: bool = False
    lost_to_follow_up: bool = False


@dataclass(frozen=True)
class FilterState:
    """A filter's status and dwell time in days (to retrieval, or to ``today`` while in place)."""

    status: FilterStatus
    dwell_days: int
    in_place: bool


def filter_state(record: FilterRecord, today: date) -> FilterState:
    """Status and dwell time of one filter on ``today``."""
    if record.retrieved_on is not None:
        if record.retrieved_on < record.placed_on:
            raise ValueError("a filter cannot be retrieved before it was placed")
        dwell = (record.retrieved_on - record.placed_on).days
        return FilterState(FilterStatus.RETRIEVED, dwell, in_place=False)
    dwell = max(0, (today - record.placed_on).days)
    if record.deliberately_permanent:
        status = FilterStatus.PERMANENT
    elif record.lost_to_follow_up:
        status = FilterStatus.LOST_TO_FOLLOW_UP
    elif record.retrieval_planned_on is not None:
        status = FilterStatus.RETRIEVAL_PLANNED
    else:
        status = FilterStatus.NO_PLAN
    return FilterState(status, dwell, in_place=True)


def needs_attention(state: FilterState, dwell_alert_days: int) -> bool:
    """True for a filter still in without a permanent decision past ``dwell_alert_days``."""
    return (
        state.in_place
        and state.status is not FilterStatus.PERMANENT
        and state.dwell_days >= dwell_alert_days
    )
