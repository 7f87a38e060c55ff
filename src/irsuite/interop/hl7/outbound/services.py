"""The outbox: messages written in the transaction of the change they report, then sent.

`on_transition`, `on_booking` and `on_report` are registered with the lower layers' hooks;
each writes one row per peer that takes outbound messages, and asks for a send once the
transaction commits. `send_pending` sends a peer's queue in order, per patient: a patient's
later message waits while an earlier one is still being retried; the peer's AA marks a row
sent, AE/AR marks it refused (it shows on the interfaces page with a resend button).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record
from irsuite.cases.models import Request, RequestStatus
from irsuite.errors import Conflict
from irsuite.interop.hl7 import client
from irsuite.interop.hl7.ack import ack_code_of
from irsuite.interop.hl7.codec import MessageError
from irsuite.interop.hl7.codes import AckCode, OrderStatus, OutboxStatus, ResultStatus
from irsuite.interop.hl7.models import OutboxMessage, Peer
from irsuite.interop.hl7.outbound import messages
from irsuite.patients.services import mrn_at

log = logging.getLogger(__name__)
S = RequestStatus
# Order status (table 0038) sent when a request reaches each status.
ORDER_STATUS: dict[str, str] = {
    S.VETTED: OrderStatus.SCHEDULED,  # accepted by IR, waiting for a slot
    S.SCHEDULED: OrderStatus.SCHEDULED,
    S.IN_PROGRESS: OrderStatus.IN_PROCESS,
    S.COMPLETED: OrderStatus.COMPLETED,
    S.CANCELLED: OrderStatus.CANCELLED,
    S.REJECTED: OrderStatus.CANCELLED,
}
BOOKED_STATUSES = frozenset({S.SCHEDULED, S.READY})
# Retry back-off: the first retry after RETRY_BASE, doubling up to RETRY_CAP.
RETRY_BASE = dt.timedelta(seconds=15)
RETRY_CAP = dt.timedelta(minutes=30)
Enqueue = Callable[[int, dt.datetime | None], None]
_enqueue: list[Enqueue] = []


def set_sender(enqueue: Enqueue) -> None:
    """Name how a peer's send is asked for (the task module registers it)."""
    _enqueue[:] = [enqueue]


def _outbound_peers() -> list[Peer]:
    return [p for p in Peer.objects.filter(active=True) if p.sends_outbound]


def _write(peer: Peer, request: Request, kind: str, build: Callable[[str], str]) -> None:
    control_id = uuid.uuid4().hex[:20].upper()
    OutboxMessage.objects.create(
        peer=peer,
        control_id=control_id,
        message_type=kind,
        text=build(control_id),
        patient_key=request.patient_id,
        mrn=mrn_at(request.patient, request.site)[:64],
        accession=request.accession_number,
        created_at=timezone.now(),
    )
    if _enqueue:
        peer_id = peer.pk
        transaction.on_commit(lambda: _enqueue[0](peer_id, None))


def on_transition(request: Request, from_status: str, to_status: str, by: Actor) -> None:
    """Order status for orders from the hospital; SIU^S15 when a booking is released."""
    now = timezone.now()
    for peer in _outbound_peers():
        status = ORDER_STATUS.get(to_status)
        if status and request.placer_order_number:
            kind = peer.order_message

            def build(cid: str, p: Peer = peer, st: str = str(status)) -> str:
                return messages.order_status(p, request, st, cid, now)

            _write(peer, request, f"{kind} {status}", build)
        released = from_status in BOOKED_STATUSES and to_status not in BOOKED_STATUSES
        if released and request.room is not None and to_status != S.IN_PROGRESS:
            _write(
                peer,
                request,
                "SIU^S15",
                _booking_builder(
                    peer,
                    request,
                    "S15",
                    now,
                    request.room,
                    request.scheduled_start,
                    request.scheduled_end,
                ),
            )


def _booking_builder(
    peer: Peer,
    request: Request,
    event: str,
    now: dt.datetime,
    room: object,
    start: dt.datetime | None,
    end: dt.datetime | None,
) -> Callable[[str], str]:
    room_code = getattr(room, "code", "")
    site = getattr(getattr(room, "site", None), "code", "")

    def build(cid: str) -> str:
        return messages.booking(
            peer,
            request,
            event,
            cid,
            now,
            room_code=room_code,
            site_code=site,
            start=start,
            end=end,
        )

    return build


def on_booking(
    request: Request, room: object, start: dt.datetime, end: dt.datetime, by: Actor
) -> None:
    """SIU^S12 for a new booking, S13 when an existing one moves (a schedule hook)."""
    event = "S13" if request.room_id is not None else "S12"
    now = timezone.now()
    for peer in _outbound_peers():
        _write(
            peer,
            request,
            f"SIU^{event}",
            _booking_builder(peer, request, event, now, room, start, end),
        )


def on_report(
    request: Request,
    sections: list[tuple[str, str]],
    corrected: bool,
    pdf: Callable[[], bytes] | None,
) -> None:
    """ORU^R01 when a report is signed (F) or amended by an addendum (C)."""
    now = timezone.now()
    status = ResultStatus.CORRECTED if corrected else ResultStatus.FINAL
    for peer in _outbound_peers():
        data = pdf() if (pdf is not None and peer.send_report_pdf) else None

        def build(cid: str, p: Peer = peer, d: bytes | None = data) -> str:
            return messages.result(p, request, cid, now, sections=sections, status=status, pdf=d)

        _write(peer, request, f"ORU^R01 {status.value}", build)


def backoff(attempts: int) -> dt.timedelta:
    """The wait before retry number `attempts` (1, 2, ...): doubling, capped."""
    wait: dt.timedelta = RETRY_BASE * (2 ** max(attempts - 1, 0))
    return min(wait, RETRY_CAP)


def due(peer: Peer, now: dt.datetime) -> list[OutboxMessage]:
    """The rows to try now, oldest first; a patient's row waits behind their earlier pending one."""
    waiting = OutboxMessage.objects.filter(peer=peer, status=OutboxStatus.PENDING).order_by("id")
    chosen, blocked = [], set()
    for row in waiting:
        if row.patient_key in blocked:
            continue
        if row.next_attempt_at is not None and row.next_attempt_at > now:
            blocked.add(row.patient_key)
            continue
        chosen.append(row)
    return chosen


def _settle(row: OutboxMessage, ack: bytes | None, error: str, now: dt.datetime) -> None:
    if ack is not None:
        text = ack.decode("utf-8", "replace")
        try:
            code, detail = ack_code_of(text)
        except MessageError:
            code, detail = "", "the answer was not an HL7 ACK"
        row.ack = text
        if code == AckCode.ACCEPT:
            row.status, row.sent_at, row.last_error = OutboxStatus.SENT, now, ""
        elif code in (AckCode.ERROR, AckCode.REJECT):
            row.status, row.last_error = OutboxStatus.REFUSED, f"{code}: {detail}"
        else:
            error = f"unexpected answer {code or '(none)'}: {detail}"
    if row.status == OutboxStatus.PENDING:
        row.attempts += 1
        row.last_error = error
        row.next_attempt_at = now + backoff(row.attempts)
    row.save(
        update_fields=["status", "attempts", "next_attempt_at", "last_error", "ack", "sent_at"]
    )


def send_pending(peer_id: int, now: dt.datetime | None = None) -> int:
    """Send what is due to one peer on one connection; the number the peer accepted.

    Returns early on a dead peer (the rest wait for their back-off); re-asks for a send at the
    earliest time a row is due again.
    """
    peer = Peer.objects.get(pk=peer_id)
    now = now or timezone.now()
    if not peer.sends_outbound:
        OutboxMessage.objects.filter(peer=peer, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.HELD
        )
        return 0
    rows = due(peer, now)
    accepted, failed_patients = 0, set()
    for row in rows:
        if row.patient_key in failed_patients:
            continue
        try:
            [ack] = client.send(peer.outbound_host, int(peer.outbound_port or 0), [row.text])
        except OSError as exc:
            _settle(row, None, f"peer unreachable: {exc}", now)
            failed_patients.add(row.patient_key)
            continue
        _settle(row, ack, "", now)
        accepted += row.status == OutboxStatus.SENT
        if row.status == OutboxStatus.PENDING:
            failed_patients.add(row.patient_key)
    _ask_again(peer)
    return accepted


def _ask_again(peer: Peer) -> None:
    nxt = (
        OutboxMessage.objects.filter(peer=peer, status=OutboxStatus.PENDING)
        .exclude(next_attempt_at=None)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if nxt is not None and _enqueue:
        _enqueue[0](peer.pk, nxt)


@transaction.atomic
def resend(row: OutboxMessage, *, by: Actor) -> OutboxMessage:
    """Put a refused or held message back in the queue (after the peer or mapping was fixed)."""
    row = OutboxMessage.objects.select_for_update().get(pk=row.pk)
    if row.status == OutboxStatus.SENT:
        raise Conflict("The peer accepted this message already.")
    row.status, row.next_attempt_at, row.attempts = OutboxStatus.PENDING, None, 0
    row.save(update_fields=["status", "next_attempt_at", "attempts"])
    record(
        by,
        AuditAction.CHANGE,
        row,
        after={"status": row.status},
        summary="HL7 message queued again",
        channel="web",
    )
    if _enqueue:
        peer_id = row.peer_id
        transaction.on_commit(lambda: _enqueue[0](peer_id, None))
    return row
