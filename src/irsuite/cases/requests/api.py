"""API: requests (orders), their vetting, booking and status transitions.

Operation ids are part of the published API (clients generate code from them): each route
names its own, kept as it was when all case routes lived in one module."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from irsuite.apiutil import ensure, page
from irsuite.bounds import DbId, Limit, Offset, QueryDate
from irsuite.cases.orders.services import vet_order
from irsuite.cases.queries import listed_requests, visible_requests
from irsuite.cases.requests import services
from irsuite.cases.requests.models import Request, RequestStatus
from irsuite.cases.requests.schemas import (
    RequestIn,
    RequestOut,
    RequestPage,
    ScheduleIn,
    TransitionIn,
    VetIn,
    request_out,
)
from irsuite.errors import ValidationFailed
from irsuite.patients.models import Patient
from irsuite.patients.services import find_by_mrn, patient_for_referral
from irsuite.people.access import allow, has_capability
from irsuite.people.models import Room, Site, Staff
from irsuite.people.policy import get_for
from irsuite.people.roles import Capability as C

router = Router(tags=["cases"])
# Who may name a patient by id: IR staff, or a referrer one of their own patients.
PATIENT_REACH = (C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS)


def _identified(request: HttpRequest) -> bool:
    return has_capability(request.user, C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS)


def visible_request(request: HttpRequest, request_id: DbId) -> Request:
    """The request with this id if the caller may see it (403 or 404 otherwise)."""
    ensure(request, C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
    return get_object_or_404(visible_requests(request.user), pk=request_id)


@router.get("/requests", response=RequestPage, operation_id="irsuite_cases_api_list_requests")
@allow(C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
def list_requests(
    request: HttpRequest,
    status: str | None = None,
    site: str | None = None,
    room: DbId | None = None,
    date: QueryDate | None = None,
    priority: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    items = listed_requests(
        request.user, status=status, site=site, room=room, priority=priority, day=date
    )
    rows, count = page(items.prefetch_related("patient__identifiers"), limit, offset)
    return {"items": [request_out(r, _identified(request)) for r in rows], "count": count}


@router.get(
    "/requests/{request_id}", response=RequestOut, operation_id="irsuite_cases_api_get_request"
)
@allow(C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
def get_request(request: HttpRequest, request_id: DbId) -> dict[str, Any]:
    return request_out(visible_request(request, request_id), _identified(request))


@router.post(
    "/requests", response={201: RequestOut}, operation_id="irsuite_cases_api_create_request"
)
@allow(C.CREATE_REQUEST)
def create_request(request: HttpRequest, data: RequestIn) -> tuple[int, dict[str, Any]]:
    site = get_object_or_404(Site, code=data.site)
    patient = _patient_of(request, data, site)
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


def _patient_of(request: HttpRequest, data: RequestIn, site: Site) -> Patient:
    """The request's patient: by id within the caller's reach, or by the referrer's identifiers.

    An id the caller may not reach is answered exactly like an id that does not exist, so the
    patient index cannot be read by trying ids."""
    if (data.patient_id is None) == (data.patient is None):
        raise ValidationFailed(
            "Name the patient either by `patient_id` or by `patient` (MRN, names, date of "
            "birth), not both."
        )
    if data.patient_id is not None:
        return get_for(request.user, PATIENT_REACH, Patient.objects.all(), data.patient_id)
    who = data.patient
    assert who is not None
    if has_capability(request.user, C.VIEW_PATIENTS):
        found = find_by_mrn(site, who.mrn.strip())
        if found is not None:
            return found
    return patient_for_referral(
        by=request.user,
        site=site,
        mrn=who.mrn,
        given_name=who.given_name,
        family_name=who.family_name,
        birth_date=who.birth_date,
        sex=who.sex,
        channel="api",
    )


@router.post(
    "/requests/{request_id}/transitions",
    response=RequestOut,
    operation_id="irsuite_cases_api_transition_request",
)
@allow(C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)
def transition_request(
    request: HttpRequest, request_id: DbId, data: TransitionIn
) -> dict[str, Any]:
    target = visible_request(request, request_id)
    if data.to not in RequestStatus.values:
        raise ValidationFailed(f"Status {data.to!r} is unknown.", {"allowed": RequestStatus.values})
    done = services.transition(target, data.to, by=request.user, reason=data.reason, channel="api")
    return request_out(done, True)


@router.post(
    "/requests/{request_id}/vet", response=RequestOut, operation_id="irsuite_cases_api_vet_request"
)
@allow(C.VET_REQUEST)
def vet_request(request: HttpRequest, request_id: DbId, data: VetIn) -> dict[str, Any]:
    """Accept or reject; an order flagged "code not mapped" (`unmapped_code`) is accepted with
    the `catalogue_code` its ordered code means, and `map_code` maps it for the sender."""
    target = visible_request(request, request_id)
    entry = services.catalogue_entry(data.catalogue_code) if data.catalogue_code else None
    done = vet_order(
        target,
        by=request.user,
        accept=data.accept,
        note=data.note,
        entry=entry,
        map_code=data.map_code,
        channel="api",
    )
    return request_out(done, True)


@router.post(
    "/requests/{request_id}/schedule",
    response=RequestOut,
    operation_id="irsuite_cases_api_schedule_request",
)
@allow(C.SCHEDULE)
def schedule_request(request: HttpRequest, request_id: DbId, data: ScheduleIn) -> dict[str, Any]:
    target = visible_request(request, request_id)
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
