"""API: catalogue, requests (with transitions) and procedures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from irsuite.apiutil import ensure, page
from irsuite.cases.models import CatalogueEntry, Procedure, RequestStatus
from irsuite.cases.procedures import services as ps
from irsuite.cases.procedures.rows import procedure_rows
from irsuite.cases.queries import procedures, visible_requests
from irsuite.cases.requests import services
from irsuite.cases.schemas import (
    AccessIn,
    AddendumIn,
    CatalogueOut,
    CataloguePage,
    DeviceIn,
    ProcedureOut,
    ProcedurePage,
    ProcedurePatch,
    RequestIn,
    RequestOut,
    RequestPage,
    ScheduleIn,
    TeamIn,
    TransitionIn,
    VetIn,
    catalogue_out,
    procedure_out,
    request_out,
)
from irsuite.errors import ValidationFailed
from irsuite.patients.models import Patient
from irsuite.people.access import has_capability
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import Capability

router = Router(tags=["cases"])
C = Capability
PROCEDURE_PREFETCH = (
    Prefetch("entries", queryset=CatalogueEntry.objects.only("id", "code")),
    "team__staff",
    "access_sites",
    "devices",
    "request__patient__identifiers",
)


def _identified(request: HttpRequest) -> bool:
    return has_capability(request.user, C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS)


@router.get("/catalogue", response=CataloguePage)
def list_catalogue(
    request: HttpRequest,
    family: str | None = None,
    q: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> CataloguePage:
    ensure(request, C.VIEW_CATALOGUE)
    entries = CatalogueEntry.objects.filter(active=True).order_by("family", "name")
    if family:
        entries = entries.filter(family=family)
    if q:
        entries = entries.filter(Q(name__icontains=q) | Q(code__icontains=q))
    items, count = page(entries, limit, offset)
    return CataloguePage(items=[catalogue_out(e) for e in items], count=count)


@router.get("/catalogue/{code}", response=CatalogueOut)
def get_catalogue_entry(request: HttpRequest, code: str) -> CatalogueOut:
    ensure(request, C.VIEW_CATALOGUE)
    return catalogue_out(services.catalogue_entry(code))


@router.get("/requests", response=RequestPage)
def list_requests(
    request: HttpRequest,
    status: str | None = None,
    site: str | None = None,
    room: int | None = None,
    date: dt.date | None = None,
    priority: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    ensure(request, C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
    items = visible_requests(request.user).prefetch_related("patient__identifiers")
    if status:
        items = items.filter(status=status)
    if site:
        items = items.filter(site__code=site)
    if room:
        items = items.filter(room_id=room)
    if priority:
        items = items.filter(priority=priority)
    if date:
        items = items.filter(Q(scheduled_start__date=date) | Q(requested_at__date=date))
    rows, count = page(items.order_by("-requested_at", "-pk"), limit, offset)
    return {"items": [request_out(r, _identified(request)) for r in rows], "count": count}


def _visible_request(request: HttpRequest, request_id: int):  # type: ignore[no-untyped-def]
    ensure(request, C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
    return get_object_or_404(visible_requests(request.user), pk=request_id)


@router.get("/requests/{request_id}", response=RequestOut)
def get_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return request_out(_visible_request(request, request_id), _identified(request))


@router.post("/requests", response={201: RequestOut})
def create_request(request: HttpRequest, data: RequestIn) -> tuple[int, dict[str, Any]]:
    ensure(request, C.CREATE_REQUEST)
    patient = get_object_or_404(Patient, pk=data.patient_id)
    site = get_object_or_404(Site, code=data.site)
    referrer = get_object_or_404(Staff, pk=data.referrer_id) if data.referrer_id else None
    created = services.create_request(
        by=request.user,
        patient=patient,
        site=site,
        entry=services.catalogue_entry(data.catalogue_code),
        indication=data.indication,
        icd10_codes=data.icd10_codes,
        priority=data.priority,
        referrer=referrer,
        referring_service=data.referring_service,
        due_date=data.due_date,
        channel="api",
    )
    return 201, request_out(created, True)


@router.post("/requests/{request_id}/transitions", response=RequestOut)
def transition_request(request: HttpRequest, request_id: int, data: TransitionIn) -> dict[str, Any]:
    target = _visible_request(request, request_id)
    if data.to not in RequestStatus.values:
        raise ValidationFailed(f"Status {data.to!r} is unknown.", {"allowed": RequestStatus.values})
    needs = {
        RequestStatus.VETTED: C.VET_REQUEST,
        RequestStatus.REJECTED: C.VET_REQUEST,
        RequestStatus.SCHEDULED: C.SCHEDULE,
        RequestStatus.CANCELLED: C.CREATE_REQUEST,
    }
    ensure(request, needs.get(RequestStatus(data.to), C.RECORD_PROCEDURE))
    done = services.transition(target, data.to, by=request.user, reason=data.reason, channel="api")
    return request_out(done, True)


@router.post("/requests/{request_id}/vet", response=RequestOut)
def vet_request(request: HttpRequest, request_id: int, data: VetIn) -> dict[str, Any]:
    ensure(request, C.VET_REQUEST)
    target = _visible_request(request, request_id)
    return request_out(
        services.vet(target, by=request.user, accept=data.accept, note=data.note, channel="api"),
        True,
    )


@router.post("/requests/{request_id}/schedule", response=RequestOut)
def schedule_request(request: HttpRequest, request_id: int, data: ScheduleIn) -> dict[str, Any]:
    ensure(request, C.SCHEDULE)
    target = _visible_request(request, request_id)
    room = get_object_or_404(Room, pk=data.room_id)
    done = services.schedule_request(
        target,
        room=room,
        start=data.start,
        by=request.user,
        duration_min=data.duration_min,
        channel="api",
    )
    return request_out(done, True)


@router.post("/requests/{request_id}/procedure", response={201: ProcedureOut})
def start_procedure(request: HttpRequest, request_id: int) -> tuple[int, dict[str, Any]]:
    ensure(request, C.RECORD_PROCEDURE)
    procedure = services.start_procedure(
        _visible_request(request, request_id), by=request.user, channel="api"
    )
    return 201, procedure_out(_load(procedure.pk), True)


def _load(procedure_id: int) -> Procedure:
    return get_object_or_404(
        Procedure.objects.select_related(
            "request__patient", "request__site", "room__site"
        ).prefetch_related(*PROCEDURE_PREFETCH),
        pk=procedure_id,
    )


@router.get("/procedures", response=ProcedurePage)
def list_procedures(
    request: HttpRequest,
    date: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    site: str | None = None,
    room: int | None = None,
    status: str | None = None,
    operator: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    ensure(request, C.VIEW_WORKLIST, C.VIEW_DEIDENTIFIED)
    filters = {
        "day": date,
        "date_from": date_from,
        "date_to": date_to,
        "site": site,
        "room": room,
        "status": status,
        "operator": operator,
    }
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    items = procedures(**filters)[offset : offset + limit]  # type: ignore[arg-type]
    count = procedures(**filters, for_count=True).count()  # type: ignore[arg-type]
    identified = has_capability(request.user, C.VIEW_PATIENTS)
    return {"items": procedure_rows(items, identified), "count": count}


@router.get("/procedures/{procedure_id}", response=ProcedureOut)
def get_procedure(request: HttpRequest, procedure_id: int) -> dict[str, Any]:
    ensure(request, C.VIEW_WORKLIST, C.VIEW_DEIDENTIFIED)
    return procedure_out(_load(procedure_id), has_capability(request.user, C.VIEW_PATIENTS))


@router.patch("/procedures/{procedure_id}", response=ProcedureOut)
def patch_procedure(
    request: HttpRequest, procedure_id: int, data: ProcedurePatch
) -> dict[str, Any]:
    ensure(request, C.RECORD_PROCEDURE)
    changes = data.dict(exclude_unset=True)
    version = changes.pop("version")
    codes = changes.pop("entries", None)
    entries = [services.catalogue_entry(c) for c in codes] if codes is not None else None
    ps_fields = {
        k: ("" if v is None and k in {"findings", "note"} else v) for k, v in changes.items()
    }
    services.update_procedure(
        _load(procedure_id),
        by=request.user,
        version=version,
        fields=ps_fields,
        entries=entries,
        channel="api",
    )
    return procedure_out(_load(procedure_id), True)


@router.post("/procedures/{procedure_id}/team", response={201: ProcedureOut})
def add_team_member(
    request: HttpRequest, procedure_id: int, data: TeamIn
) -> tuple[int, dict[str, Any]]:
    ensure(request, C.RECORD_PROCEDURE)
    staff = get_object_or_404(Staff, pk=data.staff_id)
    ps.add_team_member(_load(procedure_id), staff=staff, role=data.role, by=request.user)
    return 201, procedure_out(_load(procedure_id), True)


@router.post("/procedures/{procedure_id}/access-sites", response={201: ProcedureOut})
def add_access_site(
    request: HttpRequest, procedure_id: int, data: AccessIn
) -> tuple[int, dict[str, Any]]:
    ensure(request, C.RECORD_PROCEDURE)
    ps.add_access_site(
        _load(procedure_id),
        kind=data.kind,
        site=data.site,
        sheath_fr=data.sheath_fr,
        closure=data.closure,
        by=request.user,
    )
    return 201, procedure_out(_load(procedure_id), True)


@router.post("/procedures/{procedure_id}/devices", response={201: ProcedureOut})
def add_device(
    request: HttpRequest, procedure_id: int, data: DeviceIn
) -> tuple[int, dict[str, Any]]:
    ensure(request, C.RECORD_PROCEDURE)
    ps.add_device(_load(procedure_id), by=request.user, **data.dict())
    return 201, procedure_out(_load(procedure_id), True)


@router.post("/procedures/{procedure_id}/sign", response=ProcedureOut)
def sign_procedure(request: HttpRequest, procedure_id: int) -> dict[str, Any]:
    ensure(request, C.SIGN_PROCEDURE)
    ps.sign_procedure(_load(procedure_id), by=request.user, channel="api")
    return procedure_out(_load(procedure_id), True)


@router.post("/procedures/{procedure_id}/addenda", response={201: ProcedureOut})
def add_addendum(
    request: HttpRequest, procedure_id: int, data: AddendumIn
) -> tuple[int, dict[str, Any]]:
    ensure(request, C.RECORD_PROCEDURE)
    ps.add_addendum(_load(procedure_id), text=data.text, by=request.user, channel="api")
    return 201, procedure_out(_load(procedure_id), True)
