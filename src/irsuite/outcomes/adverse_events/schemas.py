"""Schemas of the adverse events API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class GradingIn(Schema):
    scale: str
    grade: str


class AdverseEventIn(Schema):
    timing: str
    onset_date: dt.date
    category: str
    description: str
    gradings: list[GradingIn]
    treatment: str = ""
    outcome: str = ""
    length_of_stay_hours: int | None = None
    sequelae: str = ""
    date_of_death: dt.date | None = None
    indicator: str = ""


class AdverseEventOut(Schema):
    id: int
    procedure: int
    timing: str
    onset_date: dt.date
    category: str
    description: str
    treatment: str
    outcome: str
    indicator: str
    major: bool
    gradings: list[GradingIn]


class AdverseEventPage(Schema):
    items: list[AdverseEventOut]
    count: int
