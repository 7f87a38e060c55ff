"""Schemas of the requests API, and the patient reference procedures share.

Output records built from plain data are pydantic models rather than ninja Schemas: they
skip ninja's ORM attribute resolver, which costs more than the query behind a list page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field
from pydantic import BaseModel

from irsuite.bounds import (
    QUERY_TEXT_MAX,
    BirthDate,
    BodyId,
    EventDate,
    EventTime,
    Flag,
    Input,
    Line,
    Name,
    Text,
    max_length,
)
from irsuite.cases import reference
from irsuite.cases.requests.models import Request
from irsuite.patients.models import Patient, PatientIdentifier
from irsuite.patients.services import mrn_at

DURATION = reference.duration_min()
ICD10_MAX = 16  # an ICD-10-CM code is at most 8 characters (A00.0000); room for spaces as typed


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
    unmapped_code: str
    unmapped_text: str
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


class PatientIdentifiersIn(Input):
    """Who the patient is, as a referrer knows them: all four must match a chart."""

    mrn: Line = Field(..., min_length=1, max_length=max_length(PatientIdentifier, "value"))
    given_name: Name = Field(..., min_length=1, max_length=max_length(Patient, "given_name"))
    family_name: Name = Field(..., min_length=1, max_length=max_length(Patient, "family_name"))
    birth_date: BirthDate
    sex: Line = Field("U", max_length=max_length(Patient, "sex"))


class RequestIn(Input):
    """A new request: the patient by id (IR staff, or a referrer's own earlier patient) or by
    the identifiers the referrer holds (`patient`)."""

    patient_id: BodyId | None = None
    patient: PatientIdentifiersIn | None = None
    site: Line = Field(..., max_length=QUERY_TEXT_MAX)
    catalogue_code: Line = Field(..., max_length=QUERY_TEXT_MAX)
    indication: Text = Field(..., min_length=1, max_length=4000)
    icd10_codes: list[Annotated[Line, Field(max_length=ICD10_MAX)]] = Field([], max_length=50)
    priority: Line = Field("routine", max_length=max_length(Request, "priority"))
    referrer_id: BodyId | None = None
    referring_service: Line = Field("", max_length=max_length(Request, "referring_service"))
    due_date: EventDate | None = None


class TransitionIn(Input):
    to: Line = Field(..., max_length=max_length(Request, "status"))
    reason: Text = ""


class VetIn(Input):
    accept: Flag
    note: Text = ""
    # For an order whose code was not mapped (`unmapped_code`): the entry it means, and
    # whether the sending system should map the code so from now on.
    catalogue_code: Line = Field("", max_length=QUERY_TEXT_MAX)
    map_code: Flag = False


class ScheduleIn(Input):
    room_id: BodyId
    start: EventTime
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
        "unmapped_code": request.unmapped_code,
        "unmapped_text": request.unmapped_text,
        "indication": request.indication if identified else "",
        "icd10_codes": request.icd10_codes,
        "referrer_id": request.referrer_id,
        "requested_at": request.requested_at,
        "due_date": request.due_date,
        "room_id": request.room_id,
        "scheduled_start": request.scheduled_start,
        "version": request.version,
    }
