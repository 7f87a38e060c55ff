"""Placer orders (IHE RAD-2): ORM^O01 and OMI^O23, one request per ORC/OBR pair.

HL7 v2.5.1 chapter 4. ORC-1 (table 0119): NW creates, CA cancels, XO changes, SC updates the
status. ORC-2 is the placer order number; OBR-4 the ordered procedure, mapped to the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from irsuite.cases.models import CatalogueEntry, Priority, Request, RequestStatus
from irsuite.cases.orders.services import amend_request
from irsuite.cases.requests import services as requests
from irsuite.interop.hl7.ack import ApplyError
from irsuite.interop.hl7.codec import Segment
from irsuite.interop.hl7.codes import ErrorCode, MappingKind, OrderControl, OrderStatus, Trigger
from irsuite.interop.hl7.codes import Priority as HL7Priority
from irsuite.interop.hl7.inbound import adt
from irsuite.interop.hl7.inbound.context import CHANNEL, Inbound
from irsuite.interop.hl7.peers.services import mapped
from irsuite.people.models import Staff

# HL7 v2 table 0027 to irsuite's priority (P, C and T carry no urgency: routine).
PRIORITY: dict[str, str] = {HL7Priority.STAT: Priority.EMERGENT, HL7Priority.ASAP: Priority.URGENT}
NO_REASON = "The order gave no reason for the study; ask the ordering provider."


def _pairs(ctx: Inbound) -> Iterator[tuple[Segment, Segment | None]]:
    """Each ORC with the OBR that follows it (before the next ORC)."""
    current: Segment | None = None
    for seg in ctx.message.segments:
        if seg.name == "ORC":
            if current is not None:
                yield current, None
            current = seg
        elif seg.name == "OBR" and current is not None:
            yield current, seg
            current = None
    if current is not None:
        yield current, None


def apply(ctx: Inbound) -> None:
    """Apply every order of the message; the first it cannot apply answers AE for all."""
    pairs = list(_pairs(ctx))
    if not pairs:
        raise ApplyError(ErrorCode.SEGMENT_SEQUENCE, "The message has no ORC segment.", "ORC")
    for orc, obr in pairs:
        control = ctx.get(orc, 1).upper()
        action = ACTIONS.get(control)
        if action is None:
            raise ApplyError(
                ErrorCode.TABLE_VALUE_NOT_FOUND,
                f"Order control {control!r} (ORC-1) is not handled here; send NW, CA, XO or SC.",
                "ORC",
                1,
            )
        action(ctx, orc, obr)


def placer_number(ctx: Inbound, orc: Segment, obr: Segment | None) -> str:
    number = ctx.get(orc, 2) or (ctx.get(obr, 2) if obr else "")
    if not number:
        raise ApplyError(
            ErrorCode.REQUIRED_FIELD_MISSING, "ORC-2 (placer order number) is empty.", "ORC", 2
        )
    return number


def _existing(ctx: Inbound, number: str) -> Request | None:
    return Request.objects.filter(placer_order_number=number).order_by("-pk").first()


def _known(ctx: Inbound, orc: Segment, obr: Segment | None) -> Request:
    number = placer_number(ctx, orc, obr)
    found = _existing(ctx, number)
    if found is None:
        raise ApplyError(
            ErrorCode.UNKNOWN_KEY, "No request has the placer order number in ORC-2.", "ORC", 2
        )
    ctx.accession = found.accession_number
    return found


def procedure(ctx: Inbound, obr: Segment) -> tuple[CatalogueEntry, str, str]:
    """The catalogue entry OBR-4 maps to, with the ordered code and its text (OBR-4.1, OBR-4.2)
    when it was not mapped (both empty when it was)."""
    code, text = ctx.get(obr, 4, 1), ctx.get(obr, 4, 2)
    target = mapped(MappingKind.PROCEDURE, ctx.peer, code) or code
    entry = CatalogueEntry.objects.filter(code=target.upper(), active=True).first()
    if entry is not None:
        return entry, "", ""
    fallback = CatalogueEntry.objects.filter(
        code=ctx.peer.fallback_procedure.upper(), active=True
    ).first()
    if not ctx.peer.fallback_procedure or fallback is None:
        raise ApplyError(
            ErrorCode.TABLE_VALUE_NOT_FOUND,
            f"Procedure code {code!r} (OBR-4) has no mapping rule; add one on the "
            "interfaces page, then replay.",
            "OBR",
            4,
        )
    ctx.notes.append("procedure code not mapped: filed for vetting")
    return fallback, code, text


def _provider(ctx: Inbound, orc: Segment, obr: Segment) -> tuple[Staff | None, str]:
    seg, n = (orc, 12) if ctx.get(orc, 12) else (obr, 16)
    pk = mapped(MappingKind.PROVIDER, ctx.peer, ctx.get(seg, n, 1))
    staff = Staff.objects.filter(pk=int(pk)).first() if pk and pk.isdigit() else None
    name = " ".join(p for p in (ctx.get(seg, n, 3), ctx.get(seg, n, 2)) if p)
    return staff, (f"Ordered by {name}" if name and staff is None else "")


def _priority(ctx: Inbound, orc: Segment, obr: Segment) -> str:
    tq1 = ctx.message.first("TQ1")
    code = ctx.get(tq1, 9) or ctx.get(obr, 27, 6) or ctx.get(orc, 7, 6)
    return PRIORITY.get(code.upper(), Priority.ROUTINE) if code else Priority.ROUTINE


def _reason(ctx: Inbound, orc: Segment, obr: Segment) -> str:
    parts = [ctx.get(obr, 31, 2) or ctx.get(obr, 31, 1), ctx.get(obr, 13), ctx.get(orc, 16, 2)]
    notes = [ctx.get(nte, 3) for nte in ctx.message.all("NTE")]
    text = "\n".join(p for p in parts + notes if p)
    return text or NO_REASON


def new_order(ctx: Inbound, orc: Segment, obr: Segment | None) -> None:
    if obr is None:
        raise ApplyError(ErrorCode.SEGMENT_SEQUENCE, "A new order (NW) needs its OBR.", "OBR")
    number = placer_number(ctx, orc, obr)
    if _existing(ctx, number) is not None:
        raise ApplyError(
            ErrorCode.DUPLICATE_KEY,
            "A request with this placer order number exists already.",
            "ORC",
            2,
        )
    patient = adt.register_or_update(ctx)
    site = ctx.peer.site or next(
        (i.site for i in patient.identifiers.all() if i.site is not None), None
    )
    if site is None:
        raise ApplyError(
            ErrorCode.TABLE_VALUE_NOT_FOUND,
            "The peer has no site and the patient no MRN at a site.",
            "PID",
            3,
        )
    entry, unmapped, unmapped_text = procedure(ctx, obr)
    referrer, service = _provider(ctx, orc, obr)
    request = requests.create_request(
        by=None,
        patient=patient,
        site=site,
        entry=entry,
        indication=_reason(ctx, orc, obr),
        priority=_priority(ctx, orc, obr),
        referrer=referrer,
        referring_service=service,
        channel=CHANNEL,
        placer_order_number=number,
        unmapped_code=unmapped,
        unmapped_text=unmapped_text,
    )
    ctx.accession = request.accession_number


def cancel(ctx: Inbound, orc: Segment, obr: Segment | None) -> None:
    request = _known(ctx, orc, obr)
    if request.status in (RequestStatus.CANCELLED, RequestStatus.REJECTED):
        ctx.notes.append("already cancelled")
        return
    reason = ctx.get(orc, 16, 2) or ctx.get(orc, 16, 1) or "Cancelled by the placer (ORC-1 CA)."
    requests.transition(
        request, RequestStatus.CANCELLED, by=None, reason=reason, channel=CHANNEL, via_service=True
    )


def change(ctx: Inbound, orc: Segment, obr: Segment | None) -> None:
    request = _known(ctx, orc, obr)
    changes: dict[str, object] = {}
    if obr is not None:
        changes["priority"] = _priority(ctx, orc, obr)
        reason = _reason(ctx, orc, obr)
        if reason != NO_REASON:
            changes["indication"] = reason
        if ctx.get(obr, 4):
            entry, code, text = procedure(ctx, obr)
            changes.update(catalogue_entry=entry, unmapped_code=code, unmapped_text=text)
    amend_request(request, by=None, changes=changes, channel=CHANNEL)


def status(ctx: Inbound, orc: Segment, obr: Segment | None) -> None:
    """SC from the placer: a cancelled or discontinued order (ORC-5) cancels the request."""
    request = _known(ctx, orc, obr)
    code = ctx.get(orc, 5).upper()
    if code in (OrderStatus.CANCELLED, OrderStatus.DISCONTINUED):
        cancel(ctx, orc, obr)
        return
    ctx.notes.append(f"order status {code or '(empty)'} from the placer noted, no change")
    _ = request


ACTIONS: dict[str, Callable[[Inbound, Segment, Segment | None], None]] = {
    OrderControl.NEW: new_order,
    OrderControl.CANCEL: cancel,
    OrderControl.CHANGE: change,
    OrderControl.STATUS_CHANGED: status,
}
HANDLERS: dict[str, Callable[[Inbound], object]] = {Trigger.ORM_O01: apply, Trigger.OMI_O23: apply}
