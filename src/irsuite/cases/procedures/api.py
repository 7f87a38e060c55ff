"""API: procedures (the case record), their team, access sites, devices, signature, addenda.

Operation ids are part of the published API (clients generate code from them): each route
names its own, kept as it was when all case routes lived in one module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from irsuite.apiutil import window
from irsuite.audit.reads import note_patients
from irsuite.bounds import DbId, Limit, Offset, QueryDate
from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.procedures import services as ps
from irsuite.cases.procedures.models import Procedure
from irsuite.cases.procedures.queries import procedure_rows, procedures
from irsuite.cases.procedures.schemas import (
    AccessIn,
    AddendumIn,
    DeviceIn,
    ProcedureOut,
    ProcedurePage,
    ProcedurePatch,
    TeamIn,
    procedure_out,
)
from irsuite.cases.requests import services
from irsuite.cases.requests.api import visible_request
from irsuite.people.access import allow, has_capability
from irsuite.people.models import Staff
from irsuite.people.roles import Capability as C

router = Router(tags=["cases"])
PROCEDURE_PREFETCH = (
    Prefetch("entries", queryset=CatalogueEntry.objects.only("id", "code")),
    "team__staff",
    "access_sites",
    "devices",
    "request__patient__identifiers",
)
# Free-text fields a patch clears with null.
CLEARED_BY_NULL = frozenset({"findings", "note"})


def _load(procedure_id: int) -> Procedure:
    return get_object_or_404(
        Procedure.objects.select_related(
            "request__patient", "request__site", "room__site"
        ).prefetch_related(*PROCEDURE_PREFETCH),
        pk=procedure_id,
    )


def _recorded(procedure_id: int) -> dict[str, Any]:
    """The procedure as saved, for the caller who just recorded it."""
    return procedure_out(_load(procedure_id), True)


def _added(
    request: HttpRequest, procedure_id: int, add: Callable[..., object], **fields: Any
) -> tuple[int, dict[str, Any]]:
    """Add a part to the procedure (team member, access site, device, addendum) with the
    service `add`, as the caller; 201 with the procedure as saved."""
    add(_load(procedure_id), by=request.user, **fields)
    return 201, _recorded(procedure_id)


@router.post(
    "/requests/{request_id}/procedure",
    response={201: ProcedureOut},
    operation_id="irsuite_cases_api_start_procedure",
)
@allow(C.RECORD_PROCEDURE)
def start_procedure(
    request: HttpRequest, request_id: DbId, override_reason: str = ""
) -> tuple[int, dict[str, Any]]:
    """Start the procedure: consent and the time-out must be done, unless an attending gives
    an emergency `override_reason` (recorded in the audit log with who and why)."""
    procedure = services.start_procedure(
        visible_request(request, request_id),
        by=request.user,
        channel="api",
        override_reason=override_reason[:1000],
    )
    return 201, _recorded(procedure.pk)


@router.get("/procedures", response=ProcedurePage, operation_id="irsuite_cases_api_list_procedures")
@allow(C.VIEW_WORKLIST)
def list_procedures(
    request: HttpRequest,
    date: QueryDate | None = None,
    date_from: QueryDate | None = None,
    date_to: QueryDate | None = None,
    site: str | None = None,
    room: DbId | None = None,
    status: str | None = None,
    operator: DbId | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters: dict[str, Any] = {
        "day": date,
        "date_from": date_from,
        "date_to": date_to,
        "site": site,
        "room": room,
        "status": status,
        "operator": operator,
    }
    items = procedures(**filters)[window(limit, offset)]
    count = procedures(**filters, for_count=True).count()
    identified = has_capability(request.user, C.VIEW_PATIENTS)
    rows = procedure_rows(items, identified)
    note_patients(row["patient"]["id"] for row in rows)
    return {"items": rows, "count": count}


@router.get(
    "/procedures/{procedure_id}",
    response=ProcedureOut,
    operation_id="irsuite_cases_api_get_procedure",
)
@allow(C.VIEW_WORKLIST)
def get_procedure(request: HttpRequest, procedure_id: DbId) -> dict[str, Any]:
    return procedure_out(_load(procedure_id), has_capability(request.user, C.VIEW_PATIENTS))


@router.patch(
    "/procedures/{procedure_id}",
    response=ProcedureOut,
    operation_id="irsuite_cases_api_patch_procedure",
)
@allow(C.RECORD_PROCEDURE)
def patch_procedure(
    request: HttpRequest, procedure_id: DbId, data: ProcedurePatch
) -> dict[str, Any]:
    changes = data.dict(exclude_unset=True)
    version = changes.pop("version")
    codes = changes.pop("entries", None)
    entries = [services.catalogue_entry(c) for c in codes] if codes is not None else None
    fields = {k: ("" if v is None and k in CLEARED_BY_NULL else v) for k, v in changes.items()}
    services.update_procedure(
        _load(procedure_id),
        by=request.user,
        version=version,
        fields=fields,
        entries=entries,
        channel="api",
    )
    return _recorded(procedure_id)


@router.post(
    "/procedures/{procedure_id}/team",
    response={201: ProcedureOut},
    operation_id="irsuite_cases_api_add_team_member",
)
@allow(C.RECORD_PROCEDURE)
def add_team_member(
    request: HttpRequest, procedure_id: DbId, data: TeamIn
) -> tuple[int, dict[str, Any]]:
    staff = get_object_or_404(Staff, pk=data.staff_id)
    return _added(request, procedure_id, ps.add_team_member, staff=staff, role=data.role)


@router.post(
    "/procedures/{procedure_id}/access-sites",
    response={201: ProcedureOut},
    operation_id="irsuite_cases_api_add_access_site",
)
@allow(C.RECORD_PROCEDURE)
def add_access_site(
    request: HttpRequest, procedure_id: DbId, data: AccessIn
) -> tuple[int, dict[str, Any]]:
    return _added(request, procedure_id, ps.add_access_site, **data.dict())


@router.post(
    "/procedures/{procedure_id}/devices",
    response={201: ProcedureOut},
    operation_id="irsuite_cases_api_add_device",
)
@allow(C.RECORD_PROCEDURE)
def add_device(
    request: HttpRequest, procedure_id: DbId, data: DeviceIn
) -> tuple[int, dict[str, Any]]:
    return _added(request, procedure_id, ps.add_device, **data.dict())


@router.post(
    "/procedures/{procedure_id}/sign",
    response=ProcedureOut,
    operation_id="irsuite_cases_api_sign_procedure",
)
@allow(C.SIGN_PROCEDURE)
def sign_procedure(request: HttpRequest, procedure_id: DbId) -> dict[str, Any]:
    ps.sign_procedure(_load(procedure_id), by=request.user, channel="api")
    return _recorded(procedure_id)


@router.post(
    "/procedures/{procedure_id}/addenda",
    response={201: ProcedureOut},
    operation_id="irsuite_cases_api_add_addendum",
)
@allow(C.RECORD_PROCEDURE)
def add_addendum(
    request: HttpRequest, procedure_id: DbId, data: AddendumIn
) -> tuple[int, dict[str, Any]]:
    return _added(request, procedure_id, ps.add_addendum, text=data.text, channel="api")
