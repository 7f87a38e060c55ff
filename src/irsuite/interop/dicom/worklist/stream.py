"""Pending C-FIND responses handed to the association as P-DATA, many to a PDU.

pynetdicom builds every response's command set and data set with pydicom and sends each in a
PDU of its own, about half a millisecond per answer: most of a room's day. Here the command set
of a pending response (PS3.7 Table 9.3-3), the same for every answer to one request, is
written once; each answer's data set comes from its layout (`encoding`); and as many PDVs as
the peer's maximum PDU length takes travel in one P-DATA-TF (PS3.8 9.3.5). They go to
pynetdicom's DUL through `send_pdu`, the queue its own messages take, so the final status it
sends afterwards arrives after them. A C-CANCEL is looked for before each PDU.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from typing import Any

from pynetdicom.pdu_primitives import P_DATA

from irsuite.interop.dicom.worklist.encoding import Layout, Row, Writer, is_explicit, supports

COMMAND, LAST = 0x01, 0x02  # message control header bits (PS3.8 E.2)
FIND_RSP, DATA_SET_PRESENT, PENDING = 0x8020, 0x0001, 0xFF00
# The largest PDU sent when the peer sets no limit (maximum length 0).
UNLIMITED = 64 * 1024
PDV_OVERHEAD = 6  # item length (4), presentation context id (1), control header (1)


# Command sets are Implicit VR Little Endian whatever the context's transfer syntax (PS3.7 6.3.1).
_COMMAND = Writer(explicit=False, codec="ascii")


def _us(tag: int, value: int) -> bytes:
    return _COMMAND.element(tag, "US", struct.pack("<H", value))


def pending_command(message_id: int, sop_class: str) -> bytes:
    """The command set of a pending C-FIND-RSP (PS3.7 Table 9.3-3)."""
    body = b"".join(
        (
            _COMMAND.fixed(0x00000002, "UI", sop_class),
            _us(0x00000100, FIND_RSP),
            _us(0x00000120, message_id),
            _us(0x00000800, DATA_SET_PRESENT),
            _us(0x00000900, PENDING),
        )
    )
    return _COMMAND.element(0x00000000, "UL", struct.pack("<L", len(body))) + body


def fragments(message: bytes, is_command: bool, room: int) -> Iterator[bytes]:
    """PDV values (control header, then the fragment) of one command or data set, each
    fragment at most `room` bytes; the last carries the LAST bit."""
    kind = COMMAND if is_command else 0
    for start in range(0, max(len(message), 1), room):
        last = start + room >= len(message)
        yield bytes([kind | (LAST if last else 0)]) + message[start : start + room]


def pdus(pdvs: Iterable[bytes], limit: int) -> Iterator[list[bytes]]:
    """The PDV values grouped into PDUs whose variable field stays within `limit` bytes."""
    batch: list[bytes] = []
    size = 0
    for value in pdvs:
        needed = len(value) - 1 + PDV_OVERHEAD
        if batch and size + needed > limit:
            yield batch
            batch, size = [], 0
        batch.append(value)
        size += needed
    if batch:
        yield batch


def possible(event: Any, charset: str) -> bool:
    """Whether this event's association takes answers this way (a real pynetdicom association
    in a Little Endian transfer syntax)."""
    context = getattr(event, "context", None)
    return (
        context is not None
        and getattr(event.assoc, "dul", None) is not None
        and supports(str(context.transfer_syntax), charset)
    )


def send(event: Any, layout: Layout, rows: Iterable[Row], charset: str) -> bool:
    """Send one pending response per row; False when the peer cancelled on the way."""
    context, assoc = event.context, event.assoc
    limit = min(assoc.requestor.maximum_length or UNLIMITED, UNLIMITED)
    room = limit - PDV_OVERHEAD
    request = event.request
    command_set = pending_command(request.MessageID, str(request.AffectedSOPClassUID))
    command = list(fragments(command_set, True, room))
    explicit = is_explicit(str(context.transfer_syntax))

    def values() -> Iterator[bytes]:
        for row in rows:
            yield from command
            yield from fragments(layout.answer(row, charset, explicit), False, room)

    for batch in pdus(values(), limit):
        if event.is_cancelled:
            return False
        primitive = P_DATA()
        # pynetdicom checks for [id, value] lists (its annotation says tuples)
        pdvs: Any = [[context.context_id, v] for v in batch]
        primitive.presentation_data_value_list = pdvs
        assoc.dul.send_pdu(primitive)
    return True
