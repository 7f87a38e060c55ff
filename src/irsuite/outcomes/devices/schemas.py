"""Schemas of the IVC filter API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from irsuite.bounds import EventDate, Input, Text
from irsuite.outcomes.devices.services import FilterAction


class IvcFilterOut(Schema):
    id: int
    placement: int
    placed_on: dt.date
    status: str
    dwell_days: int
    in_place: bool
    needs_attention: bool
    retrieval_planned_on: dt.date | None
    retrieved_on: dt.date | None


class IvcFilterPage(Schema):
    items: list[IvcFilterOut]
    count: int


class IvcFilterActionIn(Input):
    """One thing recorded about a filter; ``on`` is the date of a planned or done retrieval,
    ``reason`` why a filter stays in permanently."""

    action: FilterAction
    on: EventDate | None = None
    reason: Text = Field("", max_length=2000)
