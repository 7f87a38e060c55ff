"""Schemas of the cases API (requests, procedures, catalogue).

Output records built from plain data are pydantic models rather than ninja Schemas: they
skip ninja's ORM attribute resolver, which costs more than the query behind a list page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel

from irsuite.cases.models import CatalogueEntry, Procedure, Request
from irsuite.patients.services import mrn_at


class CatalogueOut(Schema):
    code: str
    name: str
    family: str
    subfamily: str
    vascular: bool
    guidance: list[str]
    bleeding_risk: str
    fluoro_dose_expected: bool
    default_duration_min: int
    cpt: list[dict[str, str]]
    consent: dict[str, Any]
    follow_up: list[dict[str, Any]]
    quality: list[dict[str, Any]]
    source: str
    verified: bool
    version: str


class CataloguePage(Schema):
    items: list[CatalogueOut]
    count: int


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


class RequestIn(Schema):
    patient_id: int
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
    duration_min: int | None = Field(None, ge=5, le=720)


class TeamOut(BaseModel):
    staff_id: int
    name: str
    role: str


class AccessOut(BaseModel):
    kind: str
    site: str
    sheath_fr: Decimal | None
    closure: str


class DeviceOut(BaseModel):
    kind: str
    name: str
    manufacturer: str
    lot: str
    udi: str
    quantity: int


class ProcedureOut(BaseModel):
    id: int
    request_id: int
    accession_number: str
    patient: PatientRef
    day: dt.date
    site: str
    room_id: int
    room: str
    entries: list[str]
    status: str
    in_room_at: dt.datetime | None
    start_at: dt.datetime | None
    end_at: dt.datetime | None
    out_at: dt.datetime | None
    sedation_type: str
    contrast_ml: Decimal | None
    technical_success: str
    disposition: str
    findings: str
    team: list[TeamOut]
    access_sites: list[AccessOut]
    devices: list[DeviceOut]
    signed_by_id: int | None
    signed_at: dt.datetime | None
    version: int


class ProcedurePage(BaseModel):
    items: list[ProcedureOut]
    count: int


class ProcedurePatch(Schema):
    version: int
    in_room_at: dt.datetime | None = None
    start_at: dt.datetime | None = None
    end_at: dt.datetime | None = None
    out_at: dt.datetime | None = None
    sedation_type: str | None = None
    contrast_ml: Decimal | None = Field(None, ge=0, le=2000)
    technical_success: str | None = None
    disposition: str | None = None
    findings: str | None = None
    note: str | None = None
    entries: list[str] | None = None


class TeamIn(Schema):
    staff_id: int
    role: str


class AccessIn(Schema):
    kind: str
    site: str
    sheath_fr: Decimal | None = Field(None, ge=2, le=30)
    closure: str = ""


class DeviceIn(Schema):
    kind: str
    name: str
    manufacturer: str = ""
    lot: str = ""
    udi: str = ""
    quantity: int = Field(1, ge=1, le=500)
    left_in_place: bool = False


class AddendumIn(Schema):
    text: str = Field(..., min_length=1)


def catalogue_out(entry: CatalogueEntry) -> CatalogueOut:
    return CatalogueOut(
        code=entry.code,
        name=entry.name,
        family=entry.family,
        subfamily=entry.subfamily,
        vascular=entry.vascular,
        guidance=entry.guidance,
        bleeding_risk=entry.bleeding_risk,
        fluoro_dose_expected=entry.fluoro_dose_expected,
        default_duration_min=entry.default_duration_min,
        cpt=entry.cpt,
        consent=entry.consent,
        follow_up=entry.follow_up,
        quality=entry.quality,
        source=entry.source,
        verified=entry.verified,
        version=entry.catalogue_version,
    )


def patient_ref(request: Request, identified: bool) -> dict[str, Any]:
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


def procedure_out(procedure: Procedure, identified: bool) -> dict[str, Any]:
    """A procedure as the API shows it (plain data; the schema validates it once)."""
    request = procedure.request
    return {
        "id": procedure.pk,
        "request_id": request.pk,
        "accession_number": request.accession_number,
        "patient": patient_ref(request, identified),
        "day": procedure.day,
        "site": procedure.room.site.code,
        "room_id": procedure.room_id,
        "room": procedure.room.name,
        "entries": [e.code for e in procedure.entries.all()],
        "status": procedure.status,
        "in_room_at": procedure.in_room_at,
        "start_at": procedure.start_at,
        "end_at": procedure.end_at,
        "out_at": procedure.out_at,
        "sedation_type": procedure.sedation_type,
        "contrast_ml": procedure.contrast_ml,
        "technical_success": procedure.technical_success,
        "disposition": procedure.disposition,
        "findings": procedure.findings if identified else "",
        "team": [
            {"staff_id": m.staff_id, "name": m.staff.display_name, "role": m.role}
            for m in procedure.team.all()
        ],
        "access_sites": [
            {"kind": a.kind, "site": a.site, "sheath_fr": a.sheath_fr, "closure": a.closure}
            for a in procedure.access_sites.all()
        ],
        "devices": [
            {
                "kind": d.kind,
                "name": d.name,
                "manufacturer": d.manufacturer,
                "lot": d.lot,
                "udi": d.udi,
                "quantity": d.quantity,
            }
            for d in procedure.devices.all()
        ],
        "signed_by_id": procedure.signed_by_id,
        "signed_at": procedure.signed_at,
        "version": procedure.version,
    }
