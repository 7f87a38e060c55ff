"""The IVC filter report: every filter placed, where it stands, how long it has been in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from irsuite.domain.quality.ivc import FilterRecord, FilterState, filter_state, needs_attention
from irsuite.outcomes.devices.models import IvcFilter
from irsuite.outcomes.reference import monitoring


@dataclass(frozen=True)
class FilterRow:
    item: IvcFilter
    state: FilterState
    needs_attention: bool


def _record(item: IvcFilter) -> FilterRecord:
    return FilterRecord(
        placed_on=item.placed_on,
        retrieved_on=item.retrieved_on,
        retrieval_planned_on=item.retrieval_planned_on,
        deliberately_permanent=item.deliberately_permanent,
        lost_to_follow_up=item.lost_to_follow_up,
    )


def filter_row(item: IvcFilter, today: dt.date) -> FilterRow:
    """Where one filter stands on ``today``, and whether it needs a plan."""
    state = filter_state(_record(item), today)
    return FilterRow(item, state, needs_attention(state, monitoring().ivc_alert_dwell_days))


def filter_report(today: dt.date, *, in_place: bool | None = None) -> list[FilterRow]:
    """All filters, those needing attention first, then the longest dwell first."""
    rows = []
    for item in IvcFilter.objects.select_related("patient", "placement__room"):
        row = filter_row(item, today)
        if in_place is None or row.state.in_place == in_place:
            rows.append(row)
    rows.sort(key=lambda r: (not r.needs_attention, -r.state.dwell_days, r.item.pk))
    return rows


def summary(rows: list[FilterRow]) -> dict[str, int]:
    """How many filters are in each status."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state.status.value] = counts.get(row.state.status.value, 0) + 1
    return counts
