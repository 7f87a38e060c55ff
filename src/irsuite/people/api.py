"""API: sites, rooms and staff."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from irsuite.apiutil import page
from irsuite.bounds import DbId, Limit, Offset
from irsuite.people.access import allow
from irsuite.people.models import Room, Site, Staff
from irsuite.people.roles import Capability

router = Router(tags=["people"])


class SiteOut(Schema):
    id: int
    code: str
    name: str


class RoomOut(Schema):
    id: int
    site: str
    code: str
    name: str
    suite_type: str
    ae_title: str
    active: bool


class StaffOut(Schema):
    id: int
    name: str
    role: str
    site: str | None
    fte: float
    active: bool


class RoomPage(Schema):
    items: list[RoomOut]
    count: int


class StaffPage(Schema):
    items: list[StaffOut]
    count: int


def room_out(room: Room) -> RoomOut:
    return RoomOut(
        id=room.pk,
        site=room.site.code,
        code=room.code,
        name=room.name,
        suite_type=room.suite_type,
        ae_title=room.ae_title,
        active=room.active,
    )


def staff_out(staff: Staff) -> StaffOut:
    return StaffOut(
        id=staff.pk,
        name=staff.display_name,
        role=staff.role,
        site=staff.site.code if staff.site else None,
        fte=float(staff.fte),
        active=staff.active,
    )


@router.get("/sites", response=list[SiteOut])
@allow(Capability.VIEW_WORKLIST, Capability.VIEW_STAFF, Capability.SCHEDULE)
def list_sites(request: HttpRequest) -> list[SiteOut]:
    return [SiteOut(id=s.pk, code=s.code, name=s.name) for s in Site.objects.all()]


@router.get("/rooms", response=RoomPage)
@allow(Capability.VIEW_WORKLIST, Capability.VIEW_STAFF, Capability.SCHEDULE)
def list_rooms(
    request: HttpRequest, site: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> RoomPage:
    rooms = Room.objects.select_related("site").order_by("site__code", "code")
    if site:
        rooms = rooms.filter(site__code=site)
    items, count = page(rooms, limit, offset)
    return RoomPage(items=[room_out(r) for r in items], count=count)


@router.get("/rooms/{room_id}", response=RoomOut)
@allow(Capability.VIEW_WORKLIST, Capability.VIEW_STAFF, Capability.SCHEDULE)
def get_room(request: HttpRequest, room_id: DbId) -> RoomOut:
    return room_out(get_object_or_404(Room.objects.select_related("site"), pk=room_id))


@router.get("/staff", response=StaffPage)
@allow(Capability.VIEW_STAFF)
def list_staff(
    request: HttpRequest,
    role: str | None = None,
    site: str | None = None,
    active: bool | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> StaffPage:
    staff = Staff.objects.select_related("site").order_by("family_name", "given_name", "pk")
    if role:
        staff = staff.filter(role=role)
    if site:
        staff = staff.filter(site__code=site)
    if active is not None:
        staff = staff.filter(active=active)
    items, count = page(staff, limit, offset)
    return StaffPage(items=[staff_out(s) for s in items], count=count)


@router.get("/staff/{staff_id}", response=StaffOut)
@allow(Capability.VIEW_STAFF)
def get_staff(request: HttpRequest, staff_id: DbId) -> StaffOut:
    return staff_out(get_object_or_404(Staff.objects.select_related("site"), pk=staff_id))
