"""Demo hook: rooms' capabilities and hours, service lists, anaesthesia and operator sessions,
the bookings behind the base department's cases, and part of the backlog booked by the
auto-scheduler for the coming weeks (the rest waits on the auto-schedule page); then the
on-call rosters (``roster_demo``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from irsuite.cases.models import Request, RequestStatus
from irsuite.demo.context import DemoContext
from irsuite.demo.scheduling import roster as roster_demo
from irsuite.people.models import SuiteType
from irsuite.people.roles import StaffRole
from irsuite.scheduling.autoschedule.services import Accepted, apply_proposal, propose
from irsuite.scheduling.booking.rooms import SUITE_CAPABILITIES
from irsuite.scheduling.models import (
    AnaesthesiaSession,
    Booking,
    OpeningHours,
    OperatorSession,
    RecurringBlock,
    RequestNeeds,
    RoomCapability,
)

S = RequestStatus
BOOKED_STATUSES = [S.SCHEDULED, S.READY, S.IN_PROGRESS, S.COMPLETED]
ANGIO = {SuiteType.ANGIO_BIPLANE, SuiteType.ANGIO_SINGLE_PLANE, SuiteType.HYBRID_OR}


def _t(hour: int) -> dt.time:
    return dt.time(hour)


def build_rooms(ctx: DemoContext) -> None:
    """Capabilities, weekday hours 08:00-18:00, an oncology list, anaesthesia sessions."""
    for room in ctx.rooms:
        RoomCapability.objects.bulk_create(
            RoomCapability(room=room, capability=c)
            for c in sorted(SUITE_CAPABILITIES[room.suite_type])
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(room=room, weekday=d, start=_t(8), end=_t(18)) for d in range(5)
        )
    for room in ctx.rooms:
        if room.suite_type == SuiteType.CT:  # CT-guided ablation lists under anaesthesia
            AnaesthesiaSession.objects.create(room=room, weekday=3, start=_t(8), end=_t(18))
    angio = [r for r in ctx.rooms if r.suite_type in ANGIO]
    for n, room in enumerate(angio):
        if n == 0:
            RecurringBlock.objects.create(
                room=room,
                weekday=1,
                start=_t(8),
                end=_t(13),
                service="oncology",
                label="Oncology list (TACE, Y-90)",
            )
        AnaesthesiaSession.objects.bulk_create(
            AnaesthesiaSession(room=room, weekday=d, start=_t(8), end=_t(18 if d < 4 else 13))
            for d in ((0, 2) if n % 2 == 0 else (3, 4))
        )


def build_operator_sessions(ctx: DemoContext) -> None:
    """Each attending does lists on three or four weekdays."""
    rows: list[OperatorSession] = []
    for n, person in enumerate(ctx.staff(StaffRole.ATTENDING)):
        days = sorted(ctx.rng.sample(range(5), 3 + n % 2))
        rows.extend(
            OperatorSession(operator=person, weekday=d, start=_t(8), end=_t(18)) for d in days
        )
    OperatorSession.objects.bulk_create(rows)


def _free(
    taken: dict[tuple[str, int], list[tuple[dt.datetime, dt.datetime]]],
    keys: list[tuple[str, int]],
    start: dt.datetime,
    end: dt.datetime,
) -> bool:
    return all(not (s < end and start < e) for k in keys for s, e in taken[k])


def _span(r: Request) -> tuple[dt.datetime, dt.datetime] | None:
    start = r.scheduled_start
    if start is None or r.room_id is None:
        return None
    minutes = r.catalogue_entry.default_duration_min
    return start, r.scheduled_end or start + dt.timedelta(minutes=minutes)


def build_bookings(ctx: DemoContext) -> int:
    """A Booking for every case the base department placed in a room (overlaps skipped)."""
    requests = (
        Request.objects.filter(
            status__in=BOOKED_STATUSES, room__isnull=False, scheduled_start__isnull=False
        )
        .select_related("catalogue_entry")
        .order_by("scheduled_start")
    )
    taken: dict[tuple[str, int], list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    rows: list[Booking] = []
    for r in ctx.progress(requests.iterator(), "bookings", total=requests.count()):
        span = _span(r)
        if span is None or r.room_id is None:
            continue
        keys = [("room", r.room_id), ("patient", r.patient_id)]
        if not _free(taken, keys, *span):
            continue
        for k in keys:
            taken[k].append(span)
        rows.append(
            Booking(
                request_id=r.pk,
                room_id=r.room_id,
                patient_id=r.patient_id,
                start=span[0],
                end=span[1],
                anaesthesia=r.catalogue_entry.anaesthesia_usual,
            )
        )
    Booking.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def build_needs(ctx: DemoContext) -> None:
    """Some vetted requests name an operator of their site; oncology ones go on its list."""
    attendings = ctx.staff(StaffRole.ATTENDING)
    rows = []
    for r in Request.objects.filter(status=S.VETTED).select_related("catalogue_entry"):
        oncology = r.catalogue_entry.family == "interventional_oncology"
        local_attendings = [a for a in attendings if a.site_id == r.site_id]
        named = bool(local_attendings) and ctx.rng.random() < 0.3
        if oncology or named:
            operator = ctx.rng.choice(local_attendings) if named else None
            rows.append(
                RequestNeeds(request=r, service="oncology" if oncology else "", operator=operator)
            )
    RequestNeeds.objects.bulk_create(rows)


def book_backlog(ctx: DemoContext) -> None:
    """Run the auto-scheduler on the week after next and accept about half of its proposal."""
    scheduler = ctx.users.get("scheduler")
    today = timezone.localdate(ctx.now)
    monday = today + dt.timedelta(days=14 - today.weekday())
    for site in ctx.sites:
        proposal = propose(site, monday, by=scheduler, time_limit_s=1 if ctx.quick else 3)
        chosen = [
            Accepted(p["request"], p["room"], dt.datetime.fromisoformat(p["start"]))
            for p in proposal.placements[::2]
        ]
        apply_proposal(proposal, chosen, by=scheduler)
        propose(site, monday + dt.timedelta(days=7), by=scheduler, time_limit_s=1)


def build(ctx: DemoContext) -> None:
    """The scheduling part of the demo department."""
    with transaction.atomic():
        build_rooms(ctx)
        build_operator_sessions(ctx)
        build_bookings(ctx)
        build_needs(ctx)
    book_backlog(ctx)
    roster_demo.build(ctx)
