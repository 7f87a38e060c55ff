"""Schemas of the outcomes API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


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


class CaseLogRowOut(Schema):
    procedure: int
    day: dt.date
    procedure_name: str
    family: str
    cpt_codes: list[str]
    role: str
    supervisor: str
    attested: bool


class CaseLogProgressOut(Schema):
    family: str
    label: str
    counted: int
    minimum: int
    met: bool


class CaseLogOut(Schema):
    trainee: int
    programme: str
    verified_minimums: bool
    progress: list[CaseLogProgressOut]
    items: list[CaseLogRowOut]
    count: int
