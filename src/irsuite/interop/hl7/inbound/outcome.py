"""What became of an inbound message, and its row in the inbox: the ACK, the status, the
search keys (MRN, placer number) and the stored ACK of a control id seen before."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from irsuite.interop.hl7.ack import Problem, build_ack
from irsuite.interop.hl7.codec import Message
from irsuite.interop.hl7.codes import AckCode, ErrorCode, InboxStatus
from irsuite.interop.hl7.models import InboxMessage, Peer

STATUS_OF = {
    AckCode.ACCEPT: InboxStatus.APPLIED,
    AckCode.ERROR: InboxStatus.ERROR,
    AckCode.REJECT: InboxStatus.REJECTED,
}


@dataclass
class Outcome:
    """What became of one message: the ACK code, a problem, notes, keys for searching."""

    code: AckCode
    problem: Problem | None = None
    note: str = ""
    accession: str = ""
    unhandled: bool = False


def reject(code: ErrorCode, text: str, segment: str = "MSH", field: int = 0) -> Outcome:
    return Outcome(AckCode.REJECT, Problem(AckCode.REJECT, code, text, segment, field))


def _search_keys(message: Message) -> tuple[str, str]:
    pid, orc, sch = message.first("PID"), message.first("ORC"), message.first("SCH")
    placer = message.get(orc, 2) or message.get(sch, 26)
    return message.get(pid, 3)[:64], placer[:64]


def fill(row: InboxMessage, message: Message | None, outcome: Outcome, ack: str) -> None:
    row.status = InboxStatus.NOTED if outcome.unhandled else STATUS_OF[outcome.code]
    row.ack_code, row.ack = outcome.code.value, ack
    problem = outcome.problem
    row.error_code = problem.code.value if problem else ""
    row.error_location = problem.location if problem else ""
    row.reason = (problem.text if problem else outcome.note)[:2000]
    row.processed_at = timezone.now()
    if message is not None:
        row.mrn, placer = _search_keys(message)
        row.accession = outcome.accession or placer


@dataclass(frozen=True)
class Header:
    """What MSH says about the sender, read before the database is touched."""

    application: str = ""
    facility: str = ""
    control_id: str = ""
    kind: str = ""

    @classmethod
    def of(cls, message: Message | None) -> Header:
        if message is None:
            return cls()
        msh = message.first("MSH")
        return cls(
            message.get(msh, 3),
            message.get(msh, 4),
            message.raw(msh, 10)[:199],
            f"{message.get(msh, 9, 1)}^{message.get(msh, 9, 2)}"[:32],
        )


_STORED_ACK_SQL = (
    f"SELECT ack FROM {InboxMessage._meta.db_table} "  # noqa: S608
    "WHERE peer_id = %s AND control_id = %s"
)


def stored_ack(peer: Peer | None, control_id: str) -> str | None:
    """The ACK already sent for this peer's control id (the unique index answers it)."""
    if peer is None or not control_id:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_STORED_ACK_SQL, [peer.pk, control_id])
        row = cursor.fetchone()
    return str(row[0]) if row else None


def make_ack(message: Message | None, outcome: Outcome, control_id: str) -> str:
    return build_ack(
        outcome.code,
        control_id=control_id,
        ack_control_id=uuid.uuid4().hex[:20],
        message=message,
        problem=outcome.problem,
    )
