"""Schemas of the procedures API.

Output records built from plain data are pydantic models rather than ninja Schemas: they
skip ninja's ORM attribute resolver, which costs more than the query behind a list page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field
from pydantic import BaseModel, StrictInt

from irsuite.bounds import BodyId, BodyInt, EventTime, Flag, Input, Line, Text, max_length
from irsuite.cases import reference
from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.procedures.models import AccessSite, DeviceUsed, Procedure, TeamMember
from irsuite.cases.requests.schemas import PatientRef, patient_ref

CONTRAST = reference.contrast_ml()
SHEATH = reference.sheath_fr()
QUANTITY = reference.device_quantity()
CODE_MAX = max_length(CatalogueEntry, "code")


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


class ProcedurePatch(Input):
    version: BodyInt
    in_room_at: EventTime | None = None
    start_at: EventTime | None = None
    end_at: EventTime | None = None
    out_at: EventTime | None = None
    sedation_type: Line | None = Field(None, max_length=max_length(Procedure, "sedation_type"))
    contrast_ml: Decimal | None = Field(None, ge=CONTRAST.low, le=CONTRAST.high)
    technical_success: Line | None = Field(
        None, max_length=max_length(Procedure, "technical_success")
    )
    disposition: Line | None = Field(None, max_length=max_length(Procedure, "disposition"))
    findings: Text | None = None
    note: Text | None = None
    entries: list[Annotated[Line, Field(max_length=CODE_MAX)]] | None = Field(None, max_length=20)


class TeamIn(Input):
    staff_id: BodyId
    role: Line = Field(..., max_length=max_length(TeamMember, "role"))


class AccessIn(Input):
    kind: Line = Field(..., max_length=max_length(AccessSite, "kind"))
    site: Line = Field(..., max_length=max_length(AccessSite, "site"))
    sheath_fr: Decimal | None = Field(None, ge=SHEATH.low, le=SHEATH.high)
    closure: Line = Field("", max_length=max_length(AccessSite, "closure"))


class DeviceIn(Input):
    kind: Line = Field(..., max_length=max_length(DeviceUsed, "kind"))
    name: Line = Field(..., max_length=max_length(DeviceUsed, "name"))
    manufacturer: Line = Field("", max_length=max_length(DeviceUsed, "manufacturer"))
    lot: Line = Field("", max_length=max_length(DeviceUsed, "lot"))
    udi: Line = Field("", max_length=max_length(DeviceUsed, "udi"))
    quantity: StrictInt = Field(1, ge=QUANTITY.low, le=QUANTITY.high)
    left_in_place: Flag = False


class AddendumIn(Input):
    text: Text = Field(..., min_length=1)


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
