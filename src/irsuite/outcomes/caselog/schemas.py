"""Schemas of the case-log API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


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
