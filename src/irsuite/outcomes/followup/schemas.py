"""Schemas of the follow-up API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class FollowUpDueOut(Schema):
    id: int
    procedure: int | None
    kind: str
    description: str
    due_date: dt.date
    window_days: int
    assigned_to: int | None
    overdue: bool


class FollowUpDuePage(Schema):
    items: list[FollowUpDueOut]
    count: int
