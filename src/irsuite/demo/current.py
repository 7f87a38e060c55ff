"""Today's lists, the coming fortnight and the waiting backlog of the demo department."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from irsuite.cases.models import RequestStatus
from irsuite.demo.cases import CaseWriter, local
from irsuite.demo.context import DemoContext
from irsuite.demo.plan import CaseMix, next_working_days

S = RequestStatus
TODAY_STATUSES = [S.COMPLETED, S.IN_PROGRESS, S.READY, S.SCHEDULED, S.SCHEDULED]


def build_today(ctx: DemoContext, mix: CaseMix, patients: list[int], writer: CaseWriter) -> None:
    """Each room's list today, from a finished first case to cases still to come."""
    for room in ctx.rooms:
        clock = local(ctx.today, 8)
        for status in TODAY_STATUSES:
            entry = mix.entry_for_room(room)
            requested = clock - dt.timedelta(days=ctx.rng.randint(1, 10))
            pk = writer.request(
                entry=entry,
                patient=ctx.rng.choice(patients),
                room=room,
                start=clock,
                status=status,
                requested_at=requested,
            )
            if status in {S.COMPLETED, S.IN_PROGRESS}:
                writer.procedure(pk, entry, room, clock, signed=status == S.COMPLETED)
            clock += dt.timedelta(minutes=entry.default_duration_min + 30)


def build_upcoming(ctx: DemoContext, mix: CaseMix, patients: list[int], writer: CaseWriter) -> None:
    """Booked cases for the next ten working days."""
    for day in next_working_days(ctx.today, 10):
        for room in ctx.rooms:
            clock = local(day, 8, 30)
            for _ in range(3):
                entry = mix.entry_for_room(room)
                writer.request(
                    entry=entry,
                    patient=ctx.rng.choice(patients),
                    room=room,
                    start=clock,
                    status=S.SCHEDULED,
                    requested_at=ctx.now - dt.timedelta(days=ctx.rng.randint(1, 14)),
                )
                clock += dt.timedelta(minutes=entry.default_duration_min + 30)


def build_backlog(ctx: DemoContext, mix: CaseMix, patients: list[int], writer: CaseWriter) -> None:
    """Requests waiting for vetting or booking, and a few rejected or cancelled."""
    waiting = [(S.VETTED, 30), (S.REQUESTED, 15), (S.REJECTED, 5), (S.CANCELLED, 3)]
    for status, count in waiting:
        for _ in range(count):
            requested = ctx.now - dt.timedelta(hours=ctx.rng.randint(1, 24 * 20))
            writer.request(
                entry=mix.draw(),
                patient=ctx.rng.choice(patients),
                room=None,
                start=None,
                status=status,
                requested_at=requested,
            )
    for pk_row in writer.rows.get("request", []):
        if pk_row.status == S.VETTED:
            pk_row.due_date = ctx.today + dt.timedelta(days=ctx.rng.randint(3, 30))
            pk_row.vetting_note = "Accepted; book on the next suitable list."
        if pk_row.status == S.REJECTED:
            pk_row.vetting_note = "Not indicated: discuss alternatives with the referring team."


def build_current(ctx: DemoContext, mix: CaseMix, patients: list[int], writer: CaseWriter) -> None:
    with transaction.atomic():
        build_today(ctx, mix, patients, writer)
        build_upcoming(ctx, mix, patients, writer)
        build_backlog(ctx, mix, patients, writer)
        for row in writer.rows.get("transition", []):
            if row.to_status in {S.REJECTED, S.CANCELLED} and not row.reason:
                row.reason = "Recorded in the demo department."
        writer.flush()
