"""Schemas of the requests API, and the patient reference procedures share.

Output records built from plain data are pydantic models rather than ninja Schemas: they
skip ninja's ORM attribute resolver, which costs more than the query behind a list page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel

from irsuite.cases import reference
from irsuite.cases.requests.models import Request
from irsuite.patients.services import mrn_at

DURATION = reference.duration_min()


class PatientRef(BaseModel):
    id: int
    research_id: str
    name: str | None = None
    mrn: str | None = None


class RequestOut(BaseModel):
    id: int
    accession_number: str
    status: str
    priority: str
    patient: PatientRef
    site: str
    catalogue_code: str
    indication: str
    icd10_codes: list[str]
    referrer_id: int | None
    requested_at: dt.datetime
    due_date: dt.date | None
    room_id: int | None
    scheduled_start: dt.datetime | None
    version: int


class RequestPage(BaseModel):
    items: list[RequestOut]
    count: int


class PatientIdentifiersIn(Schema):
    """Who the patient is, as a referrer knows them: all four must match a chart."""

    mrn: str = Field(..., min_length=1, max_length=64)
    given_name: str = Field(..., min_length=1, max_length=100)
    family_name: str = Field(..., min_length=1, max_length=100)
    birth_date: dt.date
    sex: str = "U"


class RequestIn(Schema):
    """A new request: the patient by id (IR staff, or a referrer's own earlier patient) or by
    the identifiers the referrer holds (`patient`)."""

    patient_id: int | None = Field(None, ge=1, le=2**63 - 1)
    patient: PatientIdentifiersIn | None = None
    site: str
    catalogue_code: str
    indication: str = Field(..., min_length=1, max_length=4000)
    icd10_codes: list[str] = []
    priority: str = "routine"
    referrer_id: int | None = None
    referring_service: str = ""
    due_date: dt.date | None = None


class TransitionIn(Schema):
    to: str
    reason: str = ""


class VetIn(Schema):
    accept: bool
    note: str = ""


class ScheduleIn(Schema):
    room_id: int
    start: dt.datetime
    duration_min: int | None = Field(None, ge=DURATION.low, le=DURATION.high)


def patient_ref(request: Request, identified: bool) -> dict[str, Any]:
    """The patient of a request: a research id, and name and MRN for those who may see them."""
    patient = request.patient
    ref: dict[str, Any] = {"id": patient.pk, "research_id": patient.research_id}
    if identified:
        ref["name"] = str(patient)
        ref["mrn"] = mrn_at(patient, request.site)
    return ref


def request_out(request: Request, identified: bool) -> dict[str, Any]:
    """A request as the API shows it (plain data; the schema validates it once)."""
    return {
        "id": request.pk,
        "accession_number": request.accession_number,
        "status": request.status,
        "priority": request.priority,
        "patient": patient_ref(request, identified),
        "site": request.site.code,
        "catalogue_code": request.catalogue_entry.code,
        "indication": request.indication if identified else "",
        "icd10_codes": request.icd10_codes,
        "referrer_id": request.referrer_id,
        "requested_at": request.requested_at,
        "due_date": request.due_date,
        "room_id": request.room_id,
        "scheduled_start": request.scheduled_start,
        "version": request.version,
    }
