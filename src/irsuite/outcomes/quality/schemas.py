"""Schemas of the quality indicators API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from irsuite.bounds import DbId, QueryDate, QueryText


class IndicatorQuery(Schema):
    catalogue: QueryText
    date_from: QueryDate = Field(..., alias="from")
    date_to: QueryDate = Field(..., alias="to")
    operator: DbId | None = None


class IndicatorOut(Schema):
    indicator: str
    label: str
    kind: str
    direction: str
    events: int
    denominator: int
    rate: float | None
    ci_low: float | None
    ci_high: float | None
    threshold: float
    above_threshold: bool
    triggers_review: bool
    verified: bool


class IndicatorPage(Schema):
    catalogue: str
    date_from: dt.date
    date_to: dt.date
    operator: int | None
    items: list[IndicatorOut]
