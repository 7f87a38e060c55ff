"""Schemas of the adverse events API."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import StrictInt

from irsuite.bounds import EventDate, Input, Line, Text, max_length
from irsuite.cases import reference
from irsuite.outcomes.adverse_events.models import AdverseEvent, AdverseEventGrading

LENGTH_OF_STAY = reference.length_of_stay_hours()


class GradingIn(Input):
    scale: Line = Field(..., max_length=max_length(AdverseEventGrading, "scale"))
    grade: Line = Field(..., max_length=max_length(AdverseEventGrading, "grade"))


class AdverseEventIn(Input):
    timing: Line = Field(..., max_length=max_length(AdverseEvent, "timing"))
    onset_date: EventDate
    category: Line = Field(..., max_length=max_length(AdverseEvent, "category"))
    description: Text
    gradings: list[GradingIn] = Field(..., max_length=20)
    treatment: Text = ""
    outcome: Text = ""
    length_of_stay_hours: StrictInt | None = Field(
        None, ge=LENGTH_OF_STAY.low, le=LENGTH_OF_STAY.high
    )
    sequelae: Text = ""
    date_of_death: EventDate | None = None
    indicator: Line = Field("", max_length=max_length(AdverseEvent, "indicator"))


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
