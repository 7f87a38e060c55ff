"""Worklist answers written straight from the rows are, byte for byte, what pydicom writes for
the same answer (every key combination a query may ask, both Little Endian transfer syntaxes,
both character sets); pending responses travel many to a PDU within the peer's limit, each
message's fragments in order, and a C-CANCEL stops the stream between PDUs."""

from __future__ import annotations

import datetime as dt
import struct
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pynetdicom.dsutils import encode

from irsuite.interop.dicom.worklist.attributes import (
    CODE,
    COLUMNS,
    SPS,
    TOP,
    answer_with,
    plan_of,
)
from irsuite.interop.dicom.worklist.encoding import layout_of
from irsuite.interop.dicom.worklist.stream import (
    PDV_OVERHEAD,
    fragments,
    pdus,
    pending_command,
    send,
)

LATIN = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\\"))
ANY_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, exclude_characters="\\"))
CODE_SEQUENCES = ("RequestedProcedureCodeSequence", "ScheduledProtocolCodeSequence")


def _query(
    top: list[str], sps: list[str] | None, codes: list[str], code_keys: list[str]
) -> Dataset:
    query = Dataset()
    for keyword in top:
        setattr(query, keyword, None if keyword == "PregnancyStatus" else "")
    code = Dataset()
    for keyword in code_keys:
        setattr(code, keyword, "")
    for keyword in codes:
        setattr(query, keyword, Sequence([code]))
    if sps is not None:
        item = Dataset()
        for keyword in sps:
            setattr(item, keyword, "")
        query.ScheduledProcedureStepSequence = Sequence([item])
    return query


def _row(text: st.SearchStrategy[str], draw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {column: draw(text.map(lambda s: s[:16])) for column in COLUMNS}
    row["birth_date"] = draw(st.one_of(st.none(), st.dates(dt.date(1900, 1, 1))))
    row["start_date"] = draw(st.dates(dt.date(2000, 1, 1)))
    row["start_time"] = draw(
        st.one_of(st.none(), st.times().map(lambda t: t.replace(microsecond=0)))
    )
    row["pregnancy_status"] = draw(st.one_of(st.none(), st.sampled_from([1, 2, 3, 4])))
    row["study_instance_uid"] = draw(st.from_regex(r"2\.25\.[1-9][0-9]{0,30}", fullmatch=True))
    for ascii_column in ("station_ae_title", "sex", "modality", "status"):
        row[ascii_column] = draw(st.from_regex(r"[A-Z0-9_]{0,16}", fullmatch=True))
    return row


@st.composite
def _cases(draw: Any) -> tuple[Dataset, dict[str, Any], str, bool]:
    charset = draw(st.sampled_from(["ISO_IR 100", "ISO_IR 192"]))
    text = LATIN if charset == "ISO_IR 100" else ANY_TEXT
    top = draw(st.lists(st.sampled_from(sorted(TOP)), unique=True))
    sps = draw(st.one_of(st.none(), st.lists(st.sampled_from(sorted(SPS)), unique=True)))
    codes = draw(st.lists(st.sampled_from(CODE_SEQUENCES), unique=True))
    code_keys = draw(st.lists(st.sampled_from(sorted(CODE)), unique=True))
    query = _query(top, sps, codes, code_keys)
    return query, _row(text, draw), charset, draw(st.booleans())


@given(_cases())
def test_an_answer_is_written_as_pydicom_writes_it(case: tuple[Dataset, dict[str, Any], str, bool]):
    query, row, charset, explicit = case
    plan = plan_of(query)
    expected = encode(answer_with(plan, row, charset), not explicit, True)
    assert layout_of(plan).answer(row, charset, explicit) == expected


def test_the_pending_command_set_is_as_pydicom_writes_it():
    command = Dataset()
    command.AffectedSOPClassUID = "1.2.840.10008.5.1.4.31"
    command.CommandField = 0x8020
    command.MessageIDBeingRespondedTo = 7
    command.CommandDataSetType = 0x0001
    command.Status = 0xFF00
    body = encode(command, True, True)
    command.CommandGroupLength = len(body)
    assert pending_command(7, "1.2.840.10008.5.1.4.31") == encode(command, True, True)


def test_a_message_longer_than_the_room_is_fragmented_and_only_its_last_fragment_says_so():
    parts = list(fragments(bytes(range(10)), False, 4))
    assert [p[0] for p in parts] == [0x00, 0x00, 0x02]
    assert b"".join(p[1:] for p in parts) == bytes(range(10))
    assert list(fragments(b"cmd", True, 100)) == [b"\x03cmd"]


def test_pdus_hold_as_many_pdvs_as_the_limit_takes_and_no_more():
    values = [b"\x00" + bytes(40)] * 10  # each PDV takes 6 + 40 bytes of a PDU
    batches = list(pdus(values, 100))
    assert [len(b) for b in batches] == [2, 2, 2, 2, 2]
    assert all(sum(len(v) - 1 + PDV_OVERHEAD for v in b) <= 100 for b in batches)


class _Dul:
    def __init__(self, event: _Event) -> None:
        self.sent: list[Any] = []
        self.event = event

    def send_pdu(self, primitive: Any) -> None:
        self.sent.append(primitive)
        self.event.cancel_after -= 1


class _Event:
    """A C-FIND event on an association whose requestor takes PDUs of `limit` bytes and
    cancels after `cancel_after` of them."""

    def __init__(self, limit: int, cancel_after: int = 10**6) -> None:
        self.cancel_after = cancel_after

        class _Context:
            context_id = 3
            transfer_syntax = "1.2.840.10008.1.2"

        class _Request:
            MessageID = 5
            AffectedSOPClassUID = "1.2.840.10008.5.1.4.31"

        class _Requestor:
            maximum_length = limit

        class _Assoc:
            requestor = _Requestor()

        self.context, self.request, self.assoc = _Context(), _Request(), _Assoc()
        self.assoc.dul = _Dul(self)  # type: ignore[attr-defined]

    @property
    def is_cancelled(self) -> bool:
        return self.cancel_after <= 0


def _rows(n: int) -> list[dict[str, Any]]:
    row = dict.fromkeys(COLUMNS, "")
    row |= {"birth_date": None, "start_date": dt.date(2026, 12, 7), "start_time": None}
    row |= {"pregnancy_status": None}
    return [row | {"patient_name": f"Example^{i}", "sps_id": f"S{i}"} for i in range(n)]


def _messages(primitives: list[Any]) -> list[tuple[bytes, bytes]]:
    """(command set, data set) of each response, reassembled from the PDVs in order."""
    found, command, data = [], b"", b""
    for primitive in primitives:
        for context_id, value in primitive.presentation_data_value_list:
            assert context_id == 3
            if value[0] & 0x01:
                command += value[1:]
            else:
                data += value[1:]
                if value[0] & 0x02:
                    found.append((command, data))
                    command, data = b"", b""
    return found


def test_answers_travel_many_to_a_pdu_within_the_peers_limit():
    event = _Event(limit=4096)
    plan = plan_of(_query(["PatientName"], ["ScheduledProcedureStepID"], [], []))
    assert send(event, layout_of(plan), _rows(100), "ISO_IR 100")
    sent = event.assoc.dul.sent  # type: ignore[attr-defined]
    assert 1 < len(sent) < 10
    for primitive in sent:
        size = sum(len(v) - 1 + PDV_OVERHEAD for _, v in primitive.presentation_data_value_list)
        assert size <= 4096
    messages = _messages(sent)
    assert len(messages) == 100
    assert all(command == pending_command(5, "1.2.840.10008.5.1.4.31") for command, _ in messages)
    assert b"Example^42" in messages[42][1]


def test_a_peer_with_a_tiny_limit_gets_every_answer_in_fragments():
    event = _Event(limit=64)
    plan = plan_of(_query(["PatientName"], ["ScheduledProcedureStepID"], [], []))
    assert send(event, layout_of(plan), _rows(3), "ISO_IR 100")
    messages = _messages(event.assoc.dul.sent)  # type: ignore[attr-defined]
    expected = [layout_of(plan).answer(row, "ISO_IR 100", False) for row in _rows(3)]
    assert [data for _, data in messages] == expected


def test_a_cancel_stops_the_stream_between_pdus():
    event = _Event(limit=256, cancel_after=2)
    plan = plan_of(_query(["PatientName"], ["ScheduledProcedureStepID"], [], []))
    assert not send(event, layout_of(plan), _rows(50), "ISO_IR 100")
    assert len(event.assoc.dul.sent) == 2  # type: ignore[attr-defined]


def test_the_command_set_length_field_counts_the_rest():
    command = pending_command(1, "1.2.840.10008.5.1.4.31")
    assert struct.unpack_from("<L", command, 8)[0] == len(command) - 12
