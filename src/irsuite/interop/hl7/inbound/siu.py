"""Bookings from an external scheduler: SIU^S12 (new), S13 (moved), S14 (changed), S15 (cancelled).

HL7 v2.5.1 chapter 10. SCH-26 is the placer order number of the request being booked (or
SCH-27, the filler order number: irsuite's accession); AIL-3 the room; the start and
duration come from AIS-4/AIS-7, else AIL-6/AIL-9, else SCH-11 (TQ: ^^duration^start).
"""

from __future__ import annotations

from collections.abc import Callable

from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.requests import services as requests
from irsuite.interop.hl7.ack import ApplyError
from irsuite.interop.hl7.codes import ErrorCode, MappingKind, Trigger
from irsuite.interop.hl7.inbound.context import CHANNEL, Inbound, hl7_datetime
from irsuite.interop.hl7.peers.services import mapped
from irsuite.people.models import Room


def _request(ctx: Inbound) -> Request:
    sch = ctx.need("SCH")
    placer, filler = ctx.get(sch, 26), ctx.get(sch, 27)
    found = None
    if placer:
        found = Request.objects.filter(placer_order_number=placer).order_by("-pk").first()
    if found is None and filler:
        found = Request.objects.filter(accession_number=filler).first()
    if found is None:
        raise ApplyError(
            ErrorCode.UNKNOWN_KEY,
            "No request has the order number in SCH-26 (placer) or SCH-27 (filler).",
            "SCH",
            26,
        )
    ctx.accession = found.accession_number
    return found


def _room(ctx: Inbound) -> Room:
    ail = ctx.need("AIL")
    code = ctx.get(ail, 3, 2) or ctx.get(ail, 3, 1)
    target = mapped(MappingKind.ROOM, ctx.peer, code) or code
    room = Room.objects.filter(code=target).first()
    if room is None:
        raise ApplyError(
            ErrorCode.TABLE_VALUE_NOT_FOUND,
            f"Location {code!r} (AIL-3) is no room here; add a 'room' rule, then replay.",
            "AIL",
            3,
        )
    return room


def _when(ctx: Inbound) -> tuple[object, int | None]:
    ais, ail, sch = ctx.message.first("AIS"), ctx.message.first("AIL"), ctx.need("SCH")
    for seg, start_n, minutes_n in ((ais, 4, 7), (ail, 6, 9)):
        if seg is not None and ctx.get(seg, start_n):
            start = hl7_datetime(ctx.get(seg, start_n), seg.name, start_n)
            minutes = ctx.get(seg, minutes_n)
            return start, int(minutes) if minutes.isdigit() else None
    start = hl7_datetime(ctx.get(sch, 11, 4), "SCH", 11)
    if start is None:
        raise ApplyError(
            ErrorCode.REQUIRED_FIELD_MISSING,
            "The booking has no start (AIS-4, AIL-6 or SCH-11.4).",
            "SCH",
            11,
        )
    minutes = ctx.get(sch, 11, 3) or ctx.get(sch, 9)
    return start, int(minutes) if minutes.isdigit() else None


def book(ctx: Inbound) -> None:
    """S12/S13/S14: book the request into the room and time (or move its booking)."""
    request = _request(ctx)
    start, minutes = _when(ctx)
    requests.schedule_request(
        request,
        room=_room(ctx),
        start=start,  # type: ignore[arg-type]
        by=None,
        duration_min=minutes,
        channel=CHANNEL,
    )


def release(ctx: Inbound) -> None:
    """S15: the booking is cancelled; the request goes back to vetted, waiting for a slot."""
    request = _request(ctx)
    if request.status not in (RequestStatus.SCHEDULED, RequestStatus.READY):
        ctx.notes.append("no booking to cancel")
        return
    reason = ctx.get(ctx.need("SCH"), 6, 2) or "Booking cancelled by the external scheduler."
    if request.status == RequestStatus.READY:
        request = requests.transition(
            request, RequestStatus.SCHEDULED, by=None, reason=reason, channel=CHANNEL
        )
    requests.transition(request, RequestStatus.VETTED, by=None, reason=reason, channel=CHANNEL)


HANDLERS: dict[str, Callable[[Inbound], object]] = {
    Trigger.SIU_S12: book,
    Trigger.SIU_S13: book,
    Trigger.SIU_S14: book,
    Trigger.SIU_S15: release,
}
