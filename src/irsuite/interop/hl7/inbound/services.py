"""Receiving a message: store it, apply it, answer it, in one transaction.

`receive` is what the listener calls for every frame. The raw bytes, what was done and the
ACK are committed together before the ACK is returned, so an AA never leaves for a message
that is not stored; a message whose control id this peer sent before gets the stored ACK and
is not applied twice. Whatever goes wrong, the sender gets an answer and the bytes are kept.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from irsuite import statements
from irsuite.errors import Conflict, NotFound, ServiceError
from irsuite.inserts import Inserter
from irsuite.interop.hl7.ack import ApplyError, Problem
from irsuite.interop.hl7.codec import Decoded, Message, MessageError, decode, parse
from irsuite.interop.hl7.codes import (
    KNOWN_TYPES,
    SUPPORTED_VERSIONS,
    AckCode,
    ErrorCode,
    InboxStatus,
    UnhandledEvents,
)
from irsuite.interop.hl7.inbound import adt, orders, siu
from irsuite.interop.hl7.inbound.context import Inbound
from irsuite.interop.hl7.inbound.outcome import (
    Header,
    Outcome,
    fill,
    make_ack,
    reject,
    stored_ack,
)
from irsuite.interop.hl7.models import InboxMessage, Peer
from irsuite.interop.hl7.peers import queries

log = logging.getLogger(__name__)
Handler = Callable[[Inbound], object]
HANDLERS: dict[str, Handler] = {**adt.HANDLERS, **orders.HANDLERS, **siu.HANDLERS}


def _check_header(message: Message, peer: Peer | None) -> Outcome | None:
    """AR for what irsuite will not take: an unknown sender, version or message type."""
    msh = message.first("MSH")
    if peer is None:
        return reject(
            ErrorCode.UNKNOWN_KEY,
            "The sending application and facility (MSH-3/MSH-4) are not a configured "
            "peer; add it with `irsuite hl7-peer add`.",
            "MSH",
            3,
        )
    if not message.get(msh, 10):
        return reject(ErrorCode.REQUIRED_FIELD_MISSING, "MSH-10 (control id) is empty.", "MSH", 10)
    version = message.get(msh, 12)
    if version not in SUPPORTED_VERSIONS:
        return reject(
            ErrorCode.UNSUPPORTED_VERSION,
            f"Version {version or '(empty)'} (MSH-12) is outside 2.3 to 2.5.1.",
            "MSH",
            12,
        )
    if message.get(msh, 9, 1) not in KNOWN_TYPES:
        return reject(
            ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
            f"Message type {message.get(msh, 9, 1)!r} (MSH-9) is not taken here.",
            "MSH",
            9,
        )
    return None


class _Undo(Exception):
    """Rolls back a handler's work on AE; the message is then stored with its reason."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.problem.text if outcome.problem else "")
        self.outcome = outcome


def apply(message: Message, peer: Peer, *, savepoint: bool = True) -> Outcome:
    """Run the handler of the message's event; its errors become AE.

    With `savepoint` the handler runs in a savepoint (a replay keeps its row either way);
    without, an AE raises `_Undo` so the caller's whole transaction rolls back: the common
    case, a message applied, then costs no savepoint.
    """
    msh = message.first("MSH")
    trigger = f"{message.get(msh, 9, 1)}^{message.get(msh, 9, 2)}"
    handler = HANDLERS.get(trigger)
    if handler is None:
        if peer.unhandled_events == UnhandledEvents.REJECT:
            return reject(
                ErrorCode.UNSUPPORTED_EVENT, f"Event {trigger} is not handled here.", "MSH", 9
            )
        return Outcome(AckCode.ACCEPT, note=f"{trigger} is not handled here.", unhandled=True)
    ctx = Inbound(message, peer, trigger)
    try:
        with transaction.atomic() if savepoint else contextlib.nullcontext():
            handler(ctx)
    except (ApplyError, ServiceError) as exc:
        outcome = Outcome(AckCode.ERROR, _problem_of(exc), accession=ctx.accession)
        if savepoint:
            return outcome
        raise _Undo(outcome) from exc
    return Outcome(AckCode.ACCEPT, note="; ".join(ctx.notes), accession=ctx.accession)


def _problem_of(exc: ApplyError | ServiceError) -> Problem:
    if isinstance(exc, ApplyError):
        return exc.problem
    code = ErrorCode.INTERNAL_ERROR
    if isinstance(exc, NotFound):
        code = ErrorCode.UNKNOWN_KEY
    elif isinstance(exc, Conflict):
        code = ErrorCode.DUPLICATE_KEY
    return Problem(AckCode.ERROR, code, exc.message)


class _Stale(Exception):
    """The configuration moved while a message was handled with what was held of it."""

    def __init__(self, generation: int) -> None:
        super().__init__(f"configuration generation {generation}")
        self.generation = generation


# A message is handled again when the configuration changed meanwhile; changes are rare, so
# a message meeting this many in a row is left to the sender's retry (the listener answers AE).
_ATTEMPTS = 10


def receive(data: bytes) -> bytes:
    """Store, apply and answer one message; the ACK bytes, in the message's character set.

    One transaction holds the handler's work and the stored message with its ACK; the ACK is
    returned only after it committed. A message answered AE is stored in a second transaction,
    after the handler's work was rolled back. A control id this peer sent before is caught by
    the inbox's unique index when the message is stored: everything is rolled back and the
    stored ACK answered, so a repeat costs nothing on the way of every other message. The
    statement that stores the message also reads the configuration generation; if it moved
    since the listener's cached peers and mappings were read, the transaction is rolled back
    and the message handled again with fresh ones.
    """
    decoded = decode(data)
    try:
        message: Message | None = parse(decoded.text, decoded.codec)
        outcome = Outcome(AckCode.ACCEPT)
    except MessageError as exc:
        message, outcome = None, reject(ErrorCode.SEGMENT_SEQUENCE, str(exc))
    head = Header.of(message)
    for _ in range(_ATTEMPTS):
        try:
            ack = _receive_once(data, decoded, message, outcome, head)
        except _Stale as stale:
            queries.refresh(stale.generation)
            continue
        return ack.encode(decoded.codec, "replace")
    raise RuntimeError("the configuration kept changing while the message was handled")


def _receive_once(
    data: bytes, decoded: Decoded, message: Message | None, outcome: Outcome, head: Header
) -> str:
    used = queries.generation()
    peer: Peer | None = None
    try:
        try:
            with transaction.atomic(), statements.holding(connection):
                peer = queries.peer_for(head.application, head.facility) if message else None
                if message is not None:
                    outcome = _check_header(message, peer) or apply(
                        message,
                        peer,  # type: ignore[arg-type]
                        savepoint=False,
                    )
                return _store(data, decoded, message, outcome, head, peer, used)
        except _Undo as undone:
            with transaction.atomic():
                return _store(data, decoded, message, undone.outcome, head, peer, used)
    except IntegrityError:
        seen = stored_ack(peer, head.control_id)
        if seen is None:
            raise
        return seen


def _store(
    data: bytes,
    decoded: Decoded,
    message: Message | None,
    outcome: Outcome,
    head: Header,
    peer: Peer | None,
    used: int,
) -> str:
    """Insert the message with what became of it and its ACK (one INSERT, which also reads
    the configuration generation: `_Stale` if it is not `used`); the ACK text."""
    control_id = head.control_id if peer is not None else ""
    ack = make_ack(message, outcome, head.control_id)
    row = _row(data, decoded, message, head, peer, control_id)
    fill(row, message, outcome, ack)
    if decoded.note:
        row.reason = f"{row.reason}; {decoded.note}".strip("; ")
    (generation,) = _insert(row, _GENERATION)
    if int(generation or 0) != used:
        raise _Stale(int(generation or 0))
    return ack


def _row(
    data: bytes,
    decoded: Decoded,
    message: Message | None,
    head: Header,
    peer: Peer | None,
    control_id: str = "",
) -> InboxMessage:
    """The inbox row of received bytes, before what became of them is filled in."""
    return InboxMessage(
        peer=peer,
        control_id=control_id,
        sender=f"{head.application}/{head.facility}"[:200] if message else "",
        message_type=head.kind,
        received_at=timezone.now(),
        raw=data,
        codec=decoded.codec,
    )


# One INSERT of the whole row, its statement built once: a large part of the per-message cost.
_insert = Inserter(InboxMessage)
_GENERATION = (f"({queries.GENERATION_SQL})",)


def keep_unreadable(data: bytes, reason: str) -> bytes:
    """Last resort when `receive` itself failed (a fault in a handler, the database down ...):
    keep the bytes with the reason if the database takes them, and answer AE so the sender
    tries again later. The row has no control id, so the message sent again is applied anew
    (not answered with this AE); an administrator sees it in the inbox and may replay it."""
    outcome = Outcome(
        AckCode.ERROR,
        Problem(
            AckCode.ERROR,
            ErrorCode.INTERNAL_ERROR,
            "irsuite could not store the message; send it again.",
        ),
    )
    decoded, message = _readable(data)
    control_id = message.raw(message.first("MSH"), 10) if message else ""
    log.error("HL7 message not processed: %s", reason)
    seen = _answered_before(message)
    if seen is not None:  # a repeat of a message stored before: its ACK, as always
        return seen.encode(decoded.codec, "replace")
    ack = make_ack(message, outcome, control_id)
    _keep_failed(data, outcome, ack, f"irsuite failed on this message ({reason}); replay it.")
    return ack.encode(decoded.codec, "replace")


def keep_oversized(head: bytes, limit: int) -> bytes:
    """A frame over the listener's limit: AR, and its first bytes kept with the reason (the
    rest was never read). Sent again as it is, it would be refused again."""
    decoded, message = _readable(head)
    text = f"The message is over the {limit}-byte limit of a frame; send it in smaller parts."
    outcome = reject(ErrorCode.INTERNAL_ERROR, text)
    ack = make_ack(message, outcome, Header.of(message).control_id)
    _keep_failed(head, outcome, ack, f"{text} Only its first {len(head)} bytes are kept.")
    return ack.encode(decoded.codec, "replace")


def _answered_before(message: Message | None) -> str | None:
    """The stored ACK of this message's control id from its peer, if the database answers."""
    head = Header.of(message)
    with contextlib.suppress(Exception):
        return stored_ack(queries.peer_for(head.application, head.facility), head.control_id)
    with contextlib.suppress(Exception):
        connection.close()
    return None


def _readable(data: bytes) -> tuple[Decoded, Message | None]:
    decoded = decode(data)
    try:
        return decoded, parse(decoded.text, decoded.codec)
    except MessageError:
        return decoded, None


def _keep_failed(data: bytes, outcome: Outcome, ack: str, note: str) -> None:
    """Keep a message the listener could not take the usual way, with `note` as reason."""
    decoded, message = _readable(data)
    head = Header.of(message)
    try:
        with transaction.atomic():
            peer = queries.peer_for(head.application, head.facility) if message else None
            row = _row(data, decoded, message, head, peer)
            fill(row, message, outcome, ack)
            row.reason = note[:2000]
            row.save()
    except Exception:
        log.exception("HL7 message could not be kept either")
        with contextlib.suppress(Exception):
            connection.close()


@transaction.atomic
def replay(row: InboxMessage, *, by: object = None) -> InboxMessage:
    """Apply a kept message again (after a mapping or a peer was fixed); its ACK is replaced."""
    row = InboxMessage.objects.select_for_update().get(pk=row.pk)
    if row.status == InboxStatus.APPLIED:
        raise Conflict("This message was applied already; replaying it would apply it twice.")
    decoded = decode(bytes(row.raw))
    try:
        message = parse(decoded.text, decoded.codec)
    except MessageError as exc:
        outcome, message = reject(ErrorCode.SEGMENT_SEQUENCE, str(exc)), None
    if message is not None:
        msh = message.first("MSH")
        queries.refresh()
        peer = queries.peer_for(message.get(msh, 3), message.get(msh, 4))
        control_id = message.raw(msh, 10)[:199] if peer else ""
        if control_id != row.control_id and stored_ack(peer, control_id) is not None:
            raise Conflict(
                "The peer sent this message again and it was answered as another inbox entry; "
                "replaying this copy would apply it twice."
            )
        outcome = _check_header(message, peer) or apply(message, peer)  # type: ignore[arg-type]
        row.peer, row.control_id = peer, control_id
    fill(row, message, outcome, make_ack(message, outcome, row.control_id))
    row.replays += 1
    row.save()
    from irsuite.audit.models import AuditAction
    from irsuite.audit.services import record

    record(
        by,
        AuditAction.CHANGE,
        row,
        after={"status": row.status, "ack": row.ack_code},
        summary="HL7 message replayed",
        channel="web",
    )
    return row
